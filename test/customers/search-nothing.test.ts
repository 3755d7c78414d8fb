import {describe, expect, it} from 'vitest';
import type {Store} from '../../source/store/store.js';
import {createCustomer} from '../../source/customers/customers.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {countCustomers, countCustomersBefore} from '../../source/customers/customer-count.js';
import {hasNothingToSearch, isBlankSearch, parseSearch} from '../../source/customers/search-text.js';
import {CustomerPager} from '../../source/hooks/customer-window.js';
import {checkDefinition} from '../../source/automation/segment-definition.js';
import {countSegment, customerInSegment, segmentPage} from '../../source/automation/segment-query.js';
import {ValidationError} from '../../source/store/errors.js';
import {engines, tempStore} from '../support/engines.js';
import {renderStoreDesk} from '../screens/desk-harness.js';

/** Searches with nothing to search for: only symbols or emoji, of any length (the tester's list, and more). */
const nothing = ['🏢', '😀', '★', '%', '_', "'", '"', '!!!', '---', '🏢🏢🏢', '% _ !!!', '\u0001', '+', '@@'];
/** No search at all: the whole list. */
const blank = ['', ' ', '   ', '\t'];

describe('what a search has to search for', () => {
	it('a word without a letter or digit is no term, whatever its length', () => {
		for (const search of nothing) {
			expect(parseSearch(search), search).toEqual([]);
			expect(hasNothingToSearch(search), search).toBe(true);
			expect(isBlankSearch(search), search).toBe(false);
		}
		for (const search of blank) {
			expect(hasNothingToSearch(search), JSON.stringify(search)).toBe(false);
			expect(isBlankSearch(search), JSON.stringify(search)).toBe(true);
		}
		expect(hasNothingToSearch(undefined)).toBe(false);
		// Beside a letter or digit such marks stay part of the term; alone beside other words they are left out.
		expect(parseSearch('o\'brien')).toEqual([{kind: 'substring', text: 'o\'brien'}]);
		expect(parseSearch('@acme')).toEqual([{kind: 'substring', text: '@acme'}]);
		expect(parseSearch('anna !!! 🏢')).toEqual([{kind: 'substring', text: 'anna'}]);
		expect(parseSearch('+49 (30)')).toEqual([{kind: 'substring', text: '4930'}]);
		for (const search of ['a', '7', '王', 'é']) expect(hasNothingToSearch(search), search).toBe(false);
	});

	it('a segment is not saved with a search that has nothing to search for; a blank one is no search', () => {
		for (const search of nothing) {
			expect(() => checkDefinition({search}), search).toThrow(ValidationError);
			expect(() => checkDefinition({search}), search).toThrow('search: nothing to search for: give letters or digits');
		}
		for (const search of blank) expect(checkDefinition({search, status: 'active'})).toEqual({status: 'active'});
	});
});

async function someCustomers(store: Store) {
	await createCustomer(store, {name: 'Anna Kowalski', company: '🏢🏢 Tower Ltd', email: 'anna@kowalski.example', status: 'active'});
	await createCustomer(store, {name: 'Bruno Nowak!!!', company: '100% _Acme_', email: 'bruno@nowak.example', status: 'lead'});
	await createCustomer(store, {name: 'Chloé O\'Brien ★', company: 'Star 😀 Inc', email: 'chloe@obrien.example', phone: '+1 555 0100'});
}

const names = (customers: ReadonlyArray<{name: string}>) => customers.map(customer => customer.name);

describe.each(engines)('a search with nothing to search for on %s', engine => {
	it('matches no one, counted or listed, forward or backward, with or without a status; a blank search is the whole list', async () => {
		const store = await tempStore(engine);
		await someCustomers(store);
		const everyone = ['Anna Kowalski', 'Bruno Nowak!!!', 'Chloé O\'Brien ★'];
		const [anna] = (await listCustomers(store, {})).customers;
		for (const search of nothing) {
			expect(names((await listCustomers(store, {search})).customers), search).toEqual([]);
			expect((await listCustomers(store, {search})).hasMore, search).toBe(false);
			expect(names((await listCustomers(store, {search, direction: 'backward', limit: 2})).customers), search).toEqual([]);
			expect(names((await listCustomers(store, {search, status: 'active'})).customers), search).toEqual([]);
			expect(names((await listCustomers(store, {search, status: 'deleted'})).customers), search).toEqual([]);
			expect(await countCustomers(store, {search}), search).toEqual({count: 0, more: false});
			expect(await countCustomersBefore(store, {search}, anna!), search).toEqual({count: 0, more: false});
		}
		for (const search of [undefined, ...blank]) {
			expect(names((await listCustomers(store, {search})).customers), JSON.stringify(search)).toEqual(everyone);
			expect(await countCustomers(store, {search}), JSON.stringify(search)).toEqual({count: 3, more: false});
		}
		// Words with letters still find them, symbols and all; symbol-only words beside them are left out.
		expect(names((await listCustomers(store, {search: 'nowak!!!'})).customers)).toEqual(['Bruno Nowak!!!']);
		expect(names((await listCustomers(store, {search: '100%'})).customers)).toEqual(['Bruno Nowak!!!']);
		expect(names((await listCustomers(store, {search: 'o\'brien'})).customers)).toEqual(['Chloé O\'Brien ★']);
		expect(names((await listCustomers(store, {search: 'anna 🏢'})).customers)).toEqual(['Anna Kowalski']);
		// Known limit: the index keeps words of letters and digits, so "🏢🏢 Tower" is found by "tower", never by its emoji.
		expect(names((await listCustomers(store, {search: 'tower'})).customers)).toEqual(['Anna Kowalski']);
	});

	it('the desk\'s list window shows no one for it, and everyone for an empty search', async () => {
		const store = await tempStore(engine);
		await someCustomers(store);
		for (const search of nothing) {
			const pager = new CustomerPager(store, {search, status: 'all'}, 10);
			expect(names((await pager.top()).customers), search).toEqual([]);
			expect(names((await pager.bottom()).customers), search).toEqual([]);
		}
		const whole = new CustomerPager(store, {search: '', status: 'all'}, 10);
		expect((await whole.top()).customers).toHaveLength(3);
	});

	it('a segment saved with such a search before it was refused holds no one, for lists, counts and triggers', async () => {
		const store = await tempStore(engine);
		await someCustomers(store);
		const [anna] = (await listCustomers(store, {})).customers;
		for (const search of ['🏢', '!!!', '%']) {
			expect(names((await segmentPage(store, {search})).customers), search).toEqual([]);
			expect(await countSegment(store, {search}), search).toBe(0);
			expect(await customerInSegment(store, {search}, anna!), search).toBe(false);
		}
		expect(await countSegment(store, {search: 'anna'})).toBe(1);
		expect(await countSegment(store, {})).toBe(3);
	});

	it('typed in the desk\'s search field, it shows "No customers match"; cleared, the whole list again', async () => {
		const store = await tempStore(engine);
		await someCustomers(store);
		const screen = await renderStoreDesk(store, engine === 'sqlite' ? store.target.shown : '/tmp/opsdesk-test.db', {columns: 150, rows: 30});
		await screen.waitFor('Anna Kowalski');
		await screen.press('/');
		await screen.waitFor('Enter keep filter');
		await screen.type('🏢');
		let frame = await screen.waitFor('No customers match');
		for (const name of ['Anna Kowalski', 'Bruno Nowak', 'Chloé O\'Brien']) expect(frame).not.toContain(name);
		expect(frame).toContain('matches 0');
		await screen.press('esc');
		frame = await screen.waitFor(shown => shown.includes('Anna Kowalski') && shown.includes('Chloé O\'Brien'));
		expect(frame).not.toContain('No customers match');
	});
});

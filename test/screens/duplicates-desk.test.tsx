import {describe, expect, it} from 'vitest';
import {createCustomer, getCustomer, updateCustomer} from '../../source/customers/customers.js';
import {createOrder} from '../../source/orders/orders.js';
import type {Store} from '../../source/store/store.js';
import {listMerges} from '../../source/duplicates/merge-list.js';
import {undoMerge} from '../../source/duplicates/merge-undo.js';
import {engines, tempStore} from '../support/engines.js';
import {lineWith, renderStoreDesk} from './desk-harness.js';
import type {InkScreen} from '../components/ink-harness.js';

/** A customer as the table holds it: whether it is deleted and whom it was merged into. */
async function row(store: Store, id: number) {
	const found = await store.db.selectFrom('customers').select(['deleted_at', 'merged_into']).where('id', '=', id).executeTakeFirstOrThrow();
	return {deleted: found.deleted_at !== null, merged_into: found.merged_into === null ? null : Number(found.merged_into)};
}

/** Two likely pairs (the Müllers most alike) and a bystander. */
async function twoPairs(store: Store) {
	const jorg = await createCustomer(store, {name: 'Jörg Müller', email: 'j.mueller@maschinenbau.example', phone: '', city: 'Berlin'});
	const joerg = await createCustomer(store, {name: 'Joerg Mueller', email: 'J.Mueller+shop@maschinenbau.example', phone: '+49 30 1234567', country: 'DE', city: 'Berlin'});
	const anna = await createCustomer(store, {name: 'Anna Kowalski', email: 'anna@kowalski.example', city: 'Kraków'});
	const anja = await createCustomer(store, {name: 'Anna Kowalsky', email: 'Anna+work@kowalski.example', notes: 'Second record'});
	const zoe = await createCustomer(store, {name: 'Zoë Martin', email: 'zoe@example.com'});
	return {jorg, joerg, anna, anja, zoe};
}

/**
 * The frame once it shows every one of `texts`. A pair's two sides are read after the pair
 * list, and after a merge or an undo the list is read again after the message: on a busy
 * PostgreSQL server each comes a frame later, so a test waits for all it then looks at.
 */
const shown = (screen: InkScreen, ...texts: string[]) => screen.waitFor(frame => texts.every(text => frame.includes(text)));

const open = async (engine: string, store: Store) => renderStoreDesk(store, engine === 'sqlite' ? store.target.shown : '/tmp/opsdesk-test.db', {columns: 150, rows: 40});

describe.each(engines)('the Duplicates view on %s', engine => {
	it('says so when there are no likely duplicates, and Esc goes back to the list', async () => {
		const store = await tempStore(engine);
		await createCustomer(store, {name: 'Anna Kowalski', email: 'anna@kowalski.example'});
		await createCustomer(store, {name: 'Bruno Nowak', email: 'bruno@nowak.example'});
		const screen = await open(engine, store);
		await screen.waitFor('Anna Kowalski');
		await screen.press('D');
		const frame = await screen.waitFor('No likely duplicates');
		expect(frame).toContain('Duplicates · no likely duplicates');
		await screen.press('esc');
		await screen.waitFor(text => /Customers · \d+ of \d+/.test(text));
	});

	it('shows pairs side by side, moves between them, merges after asking, and undoes the merge', async () => {
		const store = await tempStore(engine);
		const {jorg, joerg, anna, anja} = await twoPairs(store);
		await createOrder(store, {customer_id: joerg.id, amount: 12_000, currency: 'EUR', status: 'won', placed_at: '2026-01-05'});
		const screen = await open(engine, store);
		await screen.waitFor('Anna Kowalski');
		await screen.press('D');
		let frame = await shown(screen, 'pair 1 of 2', `KEEP #${jorg.id}`);
		// The most likely pair first: the Müllers, the older one on the left (kept).
		expect(frame).toMatch(/pair 1 of 2 · score \d\.\d\d · same email j\.mueller@maschinenbau\.example/);
		expect(lineWith(frame, 'KEEP #')).toMatch(new RegExp(`KEEP #${jorg.id} Jörg Müller\\s+MERGE #${joerg.id} Joerg Mueller`));
		expect(lineWith(frame, 'Name')).toMatch(/^Name\s+≠ Jörg Müller\s+Joerg Mueller$/);
		expect(lineWith(frame, 'Phone')).toMatch(/^Phone\s+← \s+\+49 30 1234567$/);
		expect(lineWith(frame, 'City')).toMatch(/^City\s+Berlin\s+Berlin$/);
		expect(frame).toMatch(/m merge\s+s skip\s+t two people/);

		await screen.press('j');
		frame = await shown(screen, 'pair 2 of 2', `KEEP #${anna.id}`);
		expect(lineWith(frame, 'KEEP #')).toContain(`KEEP #${anna.id} Anna Kowalski`);
		await screen.press('k');
		await screen.waitFor('pair 1 of 2');
		await screen.press('s');
		await screen.waitFor('pair 2 of 2');
		await screen.press('s');
		await screen.waitFor('pair 1 of 2');

		// m shows what the merge does and asks; n changes nothing.
		await screen.press('m');
		frame = await screen.waitFor(`Merge #${joerg.id} Joerg Mueller into #${jorg.id} Jörg Müller?`);
		expect(frame).toContain(`Merging keeps #${jorg.id} Jörg Müller. #${joerg.id} Joerg Mueller is deleted, pointing at #${jorg.id}`);
		expect(frame).toContain('phone “” → “+49 30 1234567”');
		expect(frame).toContain(`Moved to #${jorg.id}: 1 order`);
		await screen.press('n');
		await screen.waitFor('pair 1 of 2');
		expect(await row(store, joerg.id)).toEqual({deleted: false, merged_into: null});

		await screen.press('m', 'y');
		frame = await shown(screen, `Merged #${joerg.id} Joerg Mueller into #${jorg.id} Jörg Müller`, 'pair 1 of 1', `KEEP #${anna.id}`);
		expect(lineWith(frame, 'KEEP #')).toContain(`KEEP #${anna.id} Anna Kowalski`);
		expect(await row(store, joerg.id)).toEqual({deleted: true, merged_into: jorg.id});
		expect((await getCustomer(store, jorg.id))!.phone).toBe('+49 30 1234567');
		const order = await store.db.selectFrom('orders').select('customer_id').executeTakeFirstOrThrow();
		expect(Number(order.customer_id)).toBe(jorg.id);

		// Leaving the view and coming back, u still undoes it.
		await screen.press('esc');
		await screen.waitFor(text => /Customers · \d+ of \d+/.test(text));
		await screen.press('D');
		await screen.waitFor('pair 1 of 1');
		await screen.press('u');
		// The pair is back, and shown.
		frame = await shown(screen, 'Undid merge #', 'pair 1 of 2', `KEEP #${jorg.id}`);
		expect(frame).toContain(`#${jorg.id} Jörg Müller is as before; #${joerg.id} Joerg Mueller back`);
		expect(lineWith(frame, 'KEEP #')).toContain(`KEEP #${jorg.id} Jörg Müller`);
		expect(await row(store, joerg.id)).toEqual({deleted: false, merged_into: null});
		expect((await getCustomer(store, jorg.id))!.phone).toBe('');
		expect(Number((await store.db.selectFrom('orders').select('customer_id').executeTakeFirstOrThrow()).customer_id)).toBe(joerg.id);
		// Nothing left to undo here: u is not offered.
		expect(frame).not.toContain('u undo merge');
		expect(anja.id).toBeGreaterThan(anna.id);
	});

	it('skips without recording, marks a pair as two people with t', async () => {
		const store = await tempStore(engine);
		const {anna, anja} = await twoPairs(store);
		const screen = await open(engine, store);
		await screen.waitFor('Anna Kowalski');
		await screen.press('D', 's');
		await screen.waitFor('pair 2 of 2');
		expect(await store.db.selectFrom('duplicate_dismissals').selectAll().execute()).toEqual([]);
		await screen.press('t');
		await shown(screen, `Marked #${anna.id} Anna Kowalski and #${anja.id} Anna Kowalsky as two people`, 'pair 1 of 1 (1 marked as two people left out) · score');
		const marks = await store.db.selectFrom('duplicate_dismissals').select(['low_id', 'high_id']).execute();
		expect(marks.map(mark => [Number(mark.low_id), Number(mark.high_id)])).toEqual([[anna.id, anja.id]]);
	});

	it('keeps the question and what the merge does on screen in an 80×24 terminal', async () => {
		const store = await tempStore(engine);
		const {jorg, joerg} = await twoPairs(store);
		await updateCustomer(store, jorg.id, {notes: 'Met at the fair\nPrefers calls', tags: ['vip']});
		const screen = await renderStoreDesk(store, '/tmp/opsdesk-test.db', {columns: 80, rows: 24});
		await screen.waitFor('Jörg Müller');
		await screen.press('D', 'm');
		const frame = await screen.waitFor(`Merge #${joerg.id} Joerg Mueller into #${jorg.id} Jörg Müller? y yes n no`);
		expect(frame).toContain(`Merging keeps #${jorg.id} Jörg Müller.`);
		expect(frame).toContain('u undoes it here afterwards');
		expect(lineWith(frame, 'KEEP #')).toBeDefined();
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
	});

	it('undoes merges newest first; one undone elsewhere meanwhile is refused with its message, then u reaches the one before', async () => {
		const store = await tempStore(engine);
		const {jorg, joerg, anna, anja} = await twoPairs(store);
		const screen = await open(engine, store);
		await screen.waitFor('Jörg Müller');
		await screen.press('D', 'm', 'y');
		await screen.waitFor(`Merged #${joerg.id}`);
		await screen.press('m', 'y');
		await shown(screen, `Merged #${anja.id}`, 'No likely duplicates');
		const [newest] = await listMerges(store, 1);
		await undoMerge(store, newest!.id);
		await screen.press('u');
		await screen.waitFor(`merge #${newest!.id} was undone already`);
		await screen.press('u');
		const frame = await shown(screen, `Undid merge #${newest!.id - 1}: #${jorg.id} Jörg Müller is as before`, 'pair 1 of 2');
		expect(await row(store, joerg.id)).toEqual({deleted: false, merged_into: null});
		expect(await row(store, anja.id)).toEqual({deleted: false, merged_into: null});
		expect(frame).not.toContain('u undo merge');
		expect(anna.id).toBeLessThan(anja.id);
	});

	it('refuses to undo when the kept customer changed since, with the command\'s message, and changes nothing', async () => {
		const store = await tempStore(engine);
		const {jorg, joerg} = await twoPairs(store);
		const screen = await open(engine, store);
		await screen.waitFor('Jörg Müller');
		await screen.press('D', 'm', 'y');
		await screen.waitFor(`Merged #${joerg.id}`);
		await updateCustomer(store, jorg.id, {city: 'Potsdam'});
		await screen.press('u');
		const frame = await screen.waitFor(`customer #${jorg.id} changed since merge #`);
		expect(frame).toContain('u undo merge');
		expect(await row(store, joerg.id)).toEqual({deleted: true, merged_into: jorg.id});
		expect((await getCustomer(store, jorg.id))!.city).toBe('Potsdam');
	});
});

import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {bulkBatch, startBulkInsert} from '../../source/customers/customer-bulk.js';
import type {CustomerStatus} from '../../source/customers/customer-fields.js';
import type {Store} from '../../source/store/store.js';
import {engines, tempStore} from '../support/engines.js';
import type {InkScreen} from '../components/ink-harness.js';
import {renderStoreDesk, selectedRow} from './desk-harness.js';

/** The list's title line: "Customers · 12 of 60 · status: all". */
const header = (frame: string) => frame.split('\n')[1]!;
/** The customers' names on screen, top to bottom. */
const names = (frame: string) => frame.split('\n').map(line => /^[ ›] (Person \d\d|Match \d{4})/.exec(line)?.[1]).filter(Boolean);

/** The frame once its header (the counts come a moment after the keys) reads `expected`. */
const headerShows = (screen: InkScreen, expected: RegExp) => screen.waitFor(frame => expected.test(header(frame)));

const open = (engine: string, store: Store) => renderStoreDesk(store, engine === 'sqlite' ? store.target.shown : '/tmp/opsdesk-test.db', {columns: 120, rows: 24});

describe.each(engines)('the customers list keeps its place on %s', engine => {
	it('keeps the selected customer when s changes the status, or selects the one after it when the status hides it', async () => {
		const store = await tempStore(engine);
		// Person 00…59 in name order: leads 00, 03, 06…; actives 01, 04…; inactives 02, 05…
		const statuses: CustomerStatus[] = ['lead', 'active', 'inactive'];
		for (let index = 0; index < 60; index++) await createCustomer(store, {name: `Person ${String(index).padStart(2, '0')}`, status: statuses[index % 3]});
		const screen = await open(engine, store);
		for (let step = 0; step < 30; step++) await screen.press('j');
		let frame = await headerShows(screen, /^Customers · 31 of 60 · status: all/);
		expect(selectedRow(frame)).toContain('Person 30');

		// Person 30 is a lead: still selected, the 11th of 20 leads, with the leads before it on screen.
		await screen.press('s');
		frame = await headerShows(screen, /^Customers · 11 of 20 · status: lead/);
		expect(selectedRow(frame)).toContain('Person 30');
		expect(names(frame)).toContain('Person 27');
		expect(names(frame)).toContain('Person 33');

		// Not active: the active customer after it in name order is selected, at its own place.
		await screen.press('s');
		frame = await headerShows(screen, /^Customers · 11 of 20 · status: active/);
		expect(selectedRow(frame)).toContain('Person 31');
		// The next status follows Person 30 still, not Person 31 (nothing moved between).
		await screen.press('s');
		frame = await headerShows(screen, /^Customers · 11 of 20 · status: inactive/);
		expect(selectedRow(frame)).toContain('Person 32');
		await screen.press('s');
		expect(header(screen.frame())).toContain('status: deleted');
		expect(screen.frame()).toContain('No customers match.');
		// Round to all again: back on Person 30.
		await screen.press('s');
		frame = await headerShows(screen, /^Customers · 31 of 60 · status: all/);
		expect(selectedRow(frame)).toContain('Person 30');

		// A move between: s follows the customer moved to.
		await screen.press('s', 's', 'j');
		expect(selectedRow(screen.frame())).toContain('Person 34');
		await screen.press('s');
		frame = await headerShows(screen, /^Customers · 12 of 20 · status: inactive/);
		expect(selectedRow(frame)).toContain('Person 35');

		// Hidden with no one after it: the last of the list; with no one before it: the first.
		await screen.press('s', 's', 'G');
		frame = await headerShows(screen, /^Customers · 60 of 60 · status: all/);
		expect(selectedRow(frame)).toContain('Person 59');
		await screen.press('s');
		frame = await headerShows(screen, /^Customers · 20 of 20 · status: lead/);
		expect(selectedRow(frame)).toContain('Person 57');
		await screen.press('g', 's');
		frame = await headerShows(screen, /^Customers · 1 of 20 · status: active/);
		expect(selectedRow(frame)).toContain('Person 01');
	});

	it('says where the selection is after G in a search of more than 1,000 matches', async () => {
		const store = await tempStore(engine);
		await store.write(async tx => {
			const bulk = await startBulkInsert(tx, {now: new Date().toISOString()});
			for (let index = 0; index < 1100; index++) {
				bulk.add({name: `Match ${String(index).padStart(4, '0')}`, company: '', email: '', phone: '', address: '', city: '', country: '', status: 'lead', tags: [], notes: ''});
				if (bulk.pending >= bulkBatch) await bulk.flush();
			}
			await bulk.finish();
		});
		await createCustomer(store, {name: 'Zora Other'});
		const screen = await open(engine, store);
		await screen.press('/');
		await screen.type('match');
		await screen.press('enter');
		let frame = await headerShows(screen, /^Customers · matches 1,000\+ · 1 of 1,000\+ · status: all/);
		expect(selectedRow(frame)).toContain('Match 0000');

		// At the end: counting stopped at 1,000 matches before it, so no number, but "last".
		await screen.press('G');
		frame = await headerShows(screen, /^Customers · matches 1,000\+ · last of 1,000\+ · status: all/);
		expect(selectedRow(frame)).toContain('Match 1099');
		await screen.press('j');
		frame = await headerShows(screen, /^Customers · matches 1,000\+ · last of 1,000\+ /);
		expect(selectedRow(frame)).toContain('Match 1099');
		await screen.press('pgdn');
		frame = await headerShows(screen, /^Customers · matches 1,000\+ · last of 1,000\+ /);
		expect(selectedRow(frame)).toContain('Match 1099');
		// One up, and a page up: past the first 1,000, no more is known.
		await screen.press('k');
		frame = await headerShows(screen, /^Customers · matches 1,000\+ · 1,000\+ of 1,000\+ /);
		expect(selectedRow(frame)).toContain('Match 1098');
		await screen.press('pgup');
		frame = await headerShows(screen, /^Customers · matches 1,000\+ · 1,000\+ of 1,000\+ /);
		expect(selectedRow(frame)).not.toContain('Match 1098');
		await screen.press('g');
		frame = await headerShows(screen, /^Customers · matches 1,000\+ · 1 of 1,000\+ /);
		expect(selectedRow(frame)).toContain('Match 0000');

		// Without the search every customer is counted: G shows the exact place.
		await screen.press('esc', 'G');
		frame = await headerShows(screen, /^Customers · 1,101 of 1,101 · status: all/);
		expect(selectedRow(frame)).toContain('Zora Other');
	});
});

import {describe, expect, it} from 'vitest';
import {dbOf, tempDatabase} from '../support/temp-db.js';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {CustomerPager, type CustomerWindow} from '../../source/hooks/customer-window.js';

async function seeded(count: number) {
	const db = dbOf(tempDatabase().db);
	// Same-name pairs: the keyset must order by id within one name.
	for (let index = 0; index < count; index++) await createCustomer(db, {name: `Customer ${String(Math.floor(index / 2)).padStart(3, '0')}`});
	const all = (await listCustomers(db, {limit: 10_000})).customers.map(customer => customer.id);
	return {db, all};
}

const ids = (window: CustomerWindow) => window.customers.map(customer => customer.id);
const selectedId = (window: CustomerWindow) => window.customers[window.selected]?.id;

describe('the customer list window', () => {
	it('pages down and up through the whole list without skipping or repeating anyone', async () => {
		const {db, all} = await seeded(53);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 10);
		let window = await pager.top();
		const seen = [...ids(window)];
		while (window.moreAfter) {
			const next = await pager.pageDown(window);
			const fresh = ids(next).filter(id => !seen.includes(id));
			seen.push(...fresh);
			window = next;
		}
		expect(seen).toEqual(all);
		expect(ids(window)).toEqual(all.slice(-10));
		for (let step = 0; step < 10; step++) window = await pager.pageUp(window);
		expect(ids(window)).toEqual(all.slice(0, 10));
	});

	it('moves one row at a time across window edges, in both directions', async () => {
		const {db, all} = await seeded(25);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 7);
		let window = await pager.top();
		const visited = [selectedId(window)];
		for (let step = 0; step < 30; step++) {
			window = await pager.down(window);
			visited.push(selectedId(window));
		}
		expect([...new Set(visited)]).toEqual(all);
		expect(selectedId(window)).toBe(all.at(-1));
		for (let step = 0; step < 30; step++) window = await pager.up(window);
		expect(selectedId(window)).toBe(all[0]);
		expect(ids(window)).toEqual(all.slice(0, 7));
	});

	it('keeps the selected customer through a reload after others were deleted', async () => {
		const {db, all} = await seeded(30);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 8);
		let window = await pager.pageDown(await pager.top());
		window = await pager.down(await pager.down(window));
		const chosen = selectedId(window)!;
		await deleteCustomer(db, window.customers[0]!.id);
		await deleteCustomer(db, all[0]!);
		window = await pager.reload(window);
		expect(selectedId(window)).toBe(chosen);
	});

	it('shows the last full page for G and after deletions at the end', async () => {
		const {db, all} = await seeded(20);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 6);
		let window = await pager.bottom();
		expect(ids(window)).toEqual(all.slice(-6));
		expect(selectedId(window)).toBe(all.at(-1));
		for (const id of all.slice(-3)) await deleteCustomer(db, id);
		window = await pager.reload(window);
		expect(ids(window)).toEqual(all.slice(-9, -3));
	});
});

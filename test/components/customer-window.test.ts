import {describe, expect, it} from 'vitest';
import {tempDatabase} from '../support/temp-db.js';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {CustomerPager, type CustomerWindow} from '../../source/hooks/customer-window.js';

function seeded(count: number) {
	const {db} = tempDatabase();
	// Same-name pairs: the keyset must order by id within one name.
	for (let index = 0; index < count; index++) createCustomer(db, {name: `Customer ${String(Math.floor(index / 2)).padStart(3, '0')}`});
	const all = listCustomers(db, {limit: 10_000}).customers.map(customer => customer.id);
	return {db, all};
}

const ids = (window: CustomerWindow) => window.customers.map(customer => customer.id);
const selectedId = (window: CustomerWindow) => window.customers[window.selected]?.id;

describe('the customer list window', () => {
	it('pages down and up through the whole list without skipping or repeating anyone', () => {
		const {db, all} = seeded(53);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 10);
		let window = pager.top();
		const seen = [...ids(window)];
		while (window.moreAfter) {
			const next = pager.pageDown(window);
			const fresh = ids(next).filter(id => !seen.includes(id));
			seen.push(...fresh);
			window = next;
		}
		expect(seen).toEqual(all);
		expect(ids(window)).toEqual(all.slice(-10));
		for (let step = 0; step < 10; step++) window = pager.pageUp(window);
		expect(ids(window)).toEqual(all.slice(0, 10));
	});

	it('moves one row at a time across window edges, in both directions', () => {
		const {db, all} = seeded(25);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 7);
		let window = pager.top();
		const visited = [selectedId(window)];
		for (let step = 0; step < 30; step++) {
			window = pager.down(window);
			visited.push(selectedId(window));
		}
		expect([...new Set(visited)]).toEqual(all);
		expect(selectedId(window)).toBe(all.at(-1));
		for (let step = 0; step < 30; step++) window = pager.up(window);
		expect(selectedId(window)).toBe(all[0]);
		expect(ids(window)).toEqual(all.slice(0, 7));
	});

	it('keeps the selected customer through a reload after others were deleted', () => {
		const {db, all} = seeded(30);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 8);
		let window = pager.pageDown(pager.top());
		window = pager.down(pager.down(window));
		const chosen = selectedId(window)!;
		deleteCustomer(db, window.customers[0]!.id);
		deleteCustomer(db, all[0]!);
		window = pager.reload(window);
		expect(selectedId(window)).toBe(chosen);
	});

	it('shows the last full page for G and after deletions at the end', () => {
		const {db, all} = seeded(20);
		const pager = new CustomerPager(db, {search: '', status: 'all'}, 6);
		let window = pager.bottom();
		expect(ids(window)).toEqual(all.slice(-6));
		expect(selectedId(window)).toBe(all.at(-1));
		for (const id of all.slice(-3)) deleteCustomer(db, id);
		window = pager.reload(window);
		expect(ids(window)).toEqual(all.slice(-9, -3));
	});
});

import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {createOrder} from '../../source/orders/orders.js';
import {countSegmentBefore, customerInSegment, segmentPage} from '../../source/automation/segment-query.js';
import {cursorOf} from '../../source/customers/customer-list.js';
import {requireSegment} from '../../source/automation/segments.js';
import type {Store} from '../../source/store/store.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempStore} from '../support/engines.js';

const target = (store: Store) => (store.target.engine === 'sqlite' ? store.target.file : store.target.url);

async function shop(store: Store) {
	const at = (day: string) => ({clock: () => `${day}T10:00:00.000Z`});
	const zoe = await createCustomer(store, {name: 'Zoë Wagner', city: 'Wien', country: 'Österreich', status: 'active', tags: ['VIP', 'wholesale'], email: 'zoe@example.at'}, at('2026-01-05'));
	const anna = await createCustomer(store, {name: 'Anna Huber', city: 'wien', country: 'österreich', status: 'active', tags: ['vip'], email: 'anna@example.at'}, at('2026-03-01'));
	const bea = await createCustomer(store, {name: 'Bea Gruber', city: 'Graz', country: 'Österreich', status: 'lead', tags: ['vip']}, at('2026-03-02'));
	const carl = await createCustomer(store, {name: 'Carl Novak', city: 'Wien', country: 'Österreich', status: 'active'}, at('2026-03-03'));
	await createOrder(store, {customer_id: anna.id, amount: 12_000, placed_at: '2026-03-10'});
	await createOrder(store, {customer_id: zoe.id, amount: 5_000, placed_at: '2025-11-01'});
	return {zoe, anna, bea, carl};
}

describe.each(engines)('segments on %s', engine => {
	it('narrow by every part: status, tags in any case, city with or without accents, creation, orders, search', async () => {
		const store = await tempStore(engine);
		const {zoe, anna, bea, carl} = await shop(store);
		const now = new Date('2026-03-20T12:00:00Z');
		const names = async (definition: Parameters<typeof segmentPage>[1]) => (await segmentPage(store, definition, {now})).customers.map(customer => customer.name);
		expect(await names({status: 'active', tags: ['vip'], city: 'WIEN'})).toEqual(['Anna Huber', 'Zoë Wagner']);
		expect(await names({country: 'osterreich', tags: ['vip', 'wholesale']})).toEqual(['Zoë Wagner']);
		expect(await names({created_since: '2026-03-01'})).toEqual(['Anna Huber', 'Bea Gruber', 'Carl Novak']);
		expect(await names({created_since: '30d'})).toEqual(['Anna Huber', 'Bea Gruber', 'Carl Novak']);
		// No order on or after the date: Anna ordered on the 10th, Zoë last in November.
		expect(await names({no_orders_since: '2026-01-01'})).toEqual(['Bea Gruber', 'Carl Novak', 'Zoë Wagner']);
		expect(await names({no_orders_since: '7d'})).toEqual(['Anna Huber', 'Bea Gruber', 'Carl Novak', 'Zoë Wagner']);
		expect(await names({search: 'zoe'})).toEqual(['Zoë Wagner']);
		expect(await names({search: 'gr'})).toEqual(['Bea Gruber']);
		expect(await names({search: '100%_'})).toEqual([]);
		for (const [customer, expected] of [[zoe, true], [anna, false], [bea, false], [carl, false]] as const) {
			expect(await customerInSegment(store, {status: 'active', tags: ['VIP'], no_orders_since: '2026-01-01', search: 'wag'}, customer, now)).toBe(expected);
		}
	});

	it('pages in name order past customers the filters drop', async () => {
		const store = await tempStore(engine);
		for (let index = 0; index < 30; index++) await createCustomer(store, {name: `Customer ${String(index).padStart(2, '0')}`, city: index % 3 === 0 ? 'Linz' : 'Wels'});
		const first = await segmentPage(store, {city: 'linz'}, {limit: 4});
		expect(first.customers.map(customer => customer.name)).toEqual(['Customer 00', 'Customer 03', 'Customer 06', 'Customer 09']);
		expect(first.hasMore).toBe(true);
		const last = first.customers.at(-1)!;
		const second = await segmentPage(store, {city: 'linz'}, {limit: 10, cursor: {nameKey: 'customer 09', id: last.id}});
		expect(second.customers.map(customer => customer.name)).toEqual(['Customer 12', 'Customer 15', 'Customer 18', 'Customer 21', 'Customer 24', 'Customer 27']);
		expect(second.hasMore).toBe(false);
	});

	it('pages backward too (the desk list through a segment), in name order, and counts the customers before one', async () => {
		const store = await tempStore(engine);
		const made = [];
		for (let index = 0; index < 30; index++) made.push(await createCustomer(store, {name: `Customer ${String(index).padStart(2, '0')}`, city: index % 3 === 0 ? 'Linz' : 'Wels'}));
		const customer21 = made[21]!;
		const before = await segmentPage(store, {city: 'linz'}, {limit: 3, direction: 'backward', cursor: cursorOf(customer21)});
		expect(before.customers.map(customer => customer.name)).toEqual(['Customer 12', 'Customer 15', 'Customer 18']);
		expect(before.hasMore).toBe(true);
		const start = await segmentPage(store, {city: 'linz'}, {limit: 10, direction: 'backward', cursor: cursorOf(made[6]!)});
		expect(start.customers.map(customer => customer.name)).toEqual(['Customer 00', 'Customer 03']);
		expect(start.hasMore).toBe(false);
		const end = await segmentPage(store, {city: 'linz'}, {limit: 2, direction: 'backward'});
		expect(end.customers.map(customer => customer.name)).toEqual(['Customer 24', 'Customer 27']);
		expect(await countSegmentBefore(store, {city: 'linz'}, customer21)).toBe(7);
		expect(await countSegmentBefore(store, {city: 'linz'}, made[0]!)).toBe(0);
	});

	it('segments add, list (with counts), show (paged like customers list) and delete', async () => {
		const store = await tempStore(engine);
		await shop(store);
		const db = target(store);
		const added = await opsdesk(['segments', 'add', 'VIP Wien', '--status', 'active', '--tag', 'vip', '--city', 'Wien', '--db', db]);
		expect(added.code).toBe(0);
		expect(added.stderr).toBe('saved segment VIP Wien: status active, tag vip, city Wien (2 customers now)\n');
		const again = await opsdesk(['segments', 'add', 'vip wien', '--status', 'lead', '--db', db]);
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('a segment named "VIP Wien" already exists');
		expect((await opsdesk(['segments', 'add', 'leads', '--status', 'lead', '--db', db])).code).toBe(0);
		const listed = JSON.parse((await opsdesk(['segments', 'list', '--json', '--db', db])).stdout) as Array<{name: string; customers: number}>;
		expect(listed.map(segment => [segment.name, segment.customers])).toEqual([['leads', 1], ['VIP Wien', 2]]);
		expect((await opsdesk(['segments', 'list', '--db', db])).stdout).toMatch(/^SEGMENT +CUSTOMERS +DEFINITION\nleads +1 +status lead\nVIP Wien +2 +status active, tag vip, city Wien\n$/);
		const shown = await opsdesk(['segments', 'show', 'VIP Wien', '--limit', '1', '--db', db]);
		expect(shown.stdout).toMatch(/^ID +NAME +COMPANY +EMAIL.*\n\d+ +Anna Huber /);
		expect(shown.stderr).toContain('showing the first 1; more match');
		const json = JSON.parse((await opsdesk(['segments', 'show', 'vip wien', '--json', '--db', db])).stdout) as Array<{name: string}>;
		expect(json.map(customer => customer.name)).toEqual(['Anna Huber', 'Zoë Wagner']);
		expect((await opsdesk(['segments', 'replace-me', '--db', db])).code).toBe(1);
		const replaced = await opsdesk(['segments', 'add', 'VIP Wien', '--status', 'active', '--replace', '--db', db]);
		expect(replaced.stderr).toContain('replaced segment VIP Wien: status active (3 customers now)');
		expect((await requireSegment(store, 'VIP WIEN')).definition).toEqual({status: 'active'});
		expect((await opsdesk(['segments', 'delete', 'leads', '--db', db])).stderr).toBe('deleted segment leads\n');
		const missing = await opsdesk(['segments', 'show', 'leads', '--db', db]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no segment named "leads"');
	});

	it('refuses bad parts with the flag that holds them, and saves nothing', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		const bad = async (...flags: string[]) => opsdesk(['segments', 'add', 'x', ...flags, '--db', db]);
		expect((await bad('--created-since', 'last tuesday')).stderr).toContain('created-since: "last tuesday" is not a date');
		expect((await bad('--no-orders-since', '2026-02-30')).stderr).toContain('no-orders-since: "2026-02-30" is not a date');
		expect((await bad('--tag', 'a;b')).stderr).toContain('tag: a tag cannot contain ";"');
		expect((await bad('--city', 'Wien\u001b[2J')).stderr).toContain('city: contains ESC');
		expect((await bad('--status', 'gone')).code).toBe(1);
		expect((await opsdesk(['segments', 'add', '-dash', '--db', db])).code).toBe(1);
		expect((await opsdesk(['segments', 'add', 'bad/name', '--db', db])).stderr).toContain('is not a segment name');
		expect(JSON.parse((await opsdesk(['segments', 'list', '--json', '--db', db])).stdout)).toEqual([]);
	});
});

import {describe, expect, it} from 'vitest';
import {sql} from 'kysely';
import {engines, tempStore} from '../support/engines.js';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {createOrder, listOrders, updateOrder} from '../../source/orders/orders.js';
import {formatAmount, parseAmount, parseOrderDate} from '../../source/orders/order-fields.js';
import {customerOrdersSummary} from '../../source/orders/order-summary.js';

describe('order fields', () => {
	it('parses amounts into exact integer cents', () => {
		expect(['1234.50', '0.29', '19.99', '1234.5', '7', '.5', '+3.10', '000012.00'].map(parseAmount)).toEqual([123450, 29, 1999, 123450, 700, 50, 310, 1200]);
		for (const bad of ['', '1,234.50', '-1', '1.234', '1e3', 'ten', '9999999999999.00']) {
			expect(() => parseAmount(bad), bad).toThrow(/^amount: /);
		}
		expect(formatAmount(123450)).toBe('1234.50');
		expect(formatAmount(5)).toBe('0.05');
	});

	it('turns dates and ISO-8601 times into UTC dates, refusing impossible ones', () => {
		expect(parseOrderDate('2026-01-31', 'placed_at')).toBe('2026-01-31');
		expect(parseOrderDate('2026-01-31T23:30:00-02:00', 'placed_at')).toBe('2026-02-01');
		expect(parseOrderDate('2026-02-01T00:30:00+01:00', 'placed_at')).toBe('2026-01-31');
		for (const bad of ['2026-02-30', '2026-13-01', '31.01.2026', '2026-01-31T25:00:00Z', '2026-01-31T10:00']) {
			expect(() => parseOrderDate(bad, 'placed_at'), bad).toThrow(/^placed_at: /);
		}
	});

});

describe.each(engines)('orders on %s', engine => {
	it('creates with a generated number and the configured currency, edits, and keeps rollups in step', async () => {
		const db = await tempStore(engine);
		const ada = (await createCustomer(db, {name: 'Ada'})).id;
		const clock = () => '2026-03-10T12:00:00.000Z';
		const order = await createOrder(db, {customer_id: ada, amount: 10_000}, {clock, env: {OPSDESK_CURRENCY: 'chf'}});
		expect(order).toMatchObject({number: 'SO-000001', currency: 'CHF', status: 'open', placed_at: '2026-03-10', closed_at: null});
		expect((await customerOrdersSummary(db, ada)).lifetimeRevenue).toEqual([]);

		// Winning closes it today; the lifetime revenue follows.
		const won = await updateOrder(db, order.id, {status: 'won'}, {clock});
		expect(won.closed_at).toBe('2026-03-10');
		expect((await customerOrdersSummary(db, ada)).lifetimeRevenue).toEqual([{currency: 'CHF', revenue: 10_000, orders: 1}]);

		await updateOrder(db, order.id, {currency: 'EUR', amount: 2_500});
		expect((await customerOrdersSummary(db, ada)).lifetimeRevenue).toEqual([{currency: 'EUR', revenue: 2_500, orders: 1}]);
		await updateOrder(db, order.id, {status: 'refunded'});
		expect(await customerOrdersSummary(db, ada)).toMatchObject({orderCount: 1, lifetimeRevenue: []});
		const daily = (await sql`SELECT currency, status, orders, amount FROM order_daily WHERE orders <> 0`.execute(db.db)).rows;
		expect(daily).toEqual([{currency: 'EUR', status: 'refunded', orders: 1, amount: 2_500}]);
	});

	it('refuses bad values with the field named, and changes nothing', async () => {
		const db = await tempStore(engine);
		const ada = (await createCustomer(db, {name: 'Ada'})).id;
		const gone = (await createCustomer(db, {name: 'Gone'})).id;
		await deleteCustomer(db, gone);
		await createOrder(db, {customer_id: ada, amount: 1, number: 'X-1', placed_at: '2026-01-01'});
		await expect(createOrder(db, {customer_id: ada, amount: 1, number: 'X-1'})).rejects.toThrow('number: order X-1 already exists');
		await expect(createOrder(db, {customer_id: ada, amount: 1, currency: 'euro'})).rejects.toThrow('currency: "euro" is not an ISO 4217 code');
		await expect(createOrder(db, {customer_id: ada, amount: 1, placed_at: '2026-02-01', closed_at: '2026-01-01'})).rejects.toThrow('closed_at: 2026-01-01 is before the placed date 2026-02-01');
		await expect(createOrder(db, {customer_id: gone, amount: 1})).rejects.toThrow(`customer #${gone} is deleted`);
		await expect(createOrder(db, {customer_id: 999, amount: 1})).rejects.toThrow('no customer #999');
		await expect(createOrder(db, {customer_id: ada, amount: 1.5})).rejects.toThrow('amount: must be a whole number of cents');
		expect(await listOrders(db)).toHaveLength(1);
		expect((await sql<{orders: number}>`SELECT sum(orders) AS orders FROM order_daily`.execute(db.db)).rows[0]).toEqual({orders: 1});
	});

	it('numbers orders added at the same moment apart and counts each once', async () => {
		const db = await tempStore(engine);
		const ada = (await createCustomer(db, {name: 'Ada'})).id;
		const orders = await Promise.all(Array.from({length: 6}, () => createOrder(db, {customer_id: ada, amount: 100, status: 'paid', currency: 'EUR'})));
		expect(new Set(orders.map(order => order.number)).size).toBe(6);
		expect((await customerOrdersSummary(db, ada)).lifetimeRevenue).toEqual([{currency: 'EUR', revenue: 600, orders: 6}]);
		// Two sessions moving the same order at once: the rollups count it out of its old status once.
		const [first] = orders;
		await Promise.all([updateOrder(db, first!.id, {status: 'refunded'}), updateOrder(db, first!.id, {status: 'refunded'})]);
		expect((await customerOrdersSummary(db, ada)).lifetimeRevenue).toEqual([{currency: 'EUR', revenue: 500, orders: 5}]);
	});
});

import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {revenueStatuses, type OrderFields} from './order-fields.js';

type RollupOrder = Pick<OrderFields, 'customer_id' | 'status' | 'amount' | 'currency' | 'placed_at'>;

/**
 * Changes to the report rollups (orders-schema.ts), gathered in memory and written once:
 * an import of 100,000 orders touches a few hundred rollup rows instead of 200,000.
 * The caller applies it inside the transaction that changes the orders.
 */
export class RollupChanges {
	private readonly daily = new Map<string, {orders: number; amount: number}>();
	private readonly customers = new Map<string, {revenue: number; orders: number}>();
	private readonly customerMonths = new Map<string, {revenue: number; orders: number}>();

	add(order: RollupOrder): void {
		this.count(order, 1);
	}

	remove(order: RollupOrder): void {
		this.count(order, -1);
	}

	/**
	 * Writes the gathered changes inside the caller's write transaction, keys in sorted order: two
	 * sessions changing the same days (PostgreSQL) then lock their rows in the same order and
	 * never wait for each other in a circle.
	 */
	async apply(db: Db): Promise<void> {
		const rows = <T>(totals: Map<string, T>, empty: (total: T) => boolean) =>
			[...totals.entries()].filter(([, total]) => !empty(total)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([key, total]) => ({parts: key.split('\u0000'), total}));
		// A few hundred rows per statement: a seed's batch touches tens of thousands of customers.
		for (const chunk of chunks(rows(this.daily, total => total.orders === 0 && total.amount === 0))) {
			const values = chunk.map(({parts: [currency, day, status], total}) => sql`(${currency}, ${day}, ${status}, ${total.orders}, ${total.amount})`);
			await sql`INSERT INTO order_daily (currency, day, status, orders, amount) VALUES ${sql.join(values)}
				ON CONFLICT (currency, day, status) DO UPDATE SET orders = order_daily.orders + excluded.orders, amount = order_daily.amount + excluded.amount`.execute(db.db);
		}
		for (const chunk of chunks(rows(this.customers, total => total.orders === 0 && total.revenue === 0))) {
			const values = chunk.map(({parts: [customer, currency], total}) => sql`(${Number(customer)}, ${currency}, ${total.revenue}, ${total.orders})`);
			await sql`INSERT INTO customer_revenue (customer_id, currency, revenue, orders) VALUES ${sql.join(values)}
				ON CONFLICT (customer_id, currency) DO UPDATE SET revenue = customer_revenue.revenue + excluded.revenue, orders = customer_revenue.orders + excluded.orders`.execute(db.db);
		}
		for (const chunk of chunks(rows(this.customerMonths, total => total.orders === 0 && total.revenue === 0))) {
			const values = chunk.map(({parts: [customer, currency, month], total}) => sql`(${Number(customer)}, ${currency}, ${month}, ${total.revenue}, ${total.orders})`);
			await sql`INSERT INTO customer_monthly (customer_id, currency, month, revenue, orders) VALUES ${sql.join(values)}
				ON CONFLICT (customer_id, currency, month) DO UPDATE SET revenue = customer_monthly.revenue + excluded.revenue, orders = customer_monthly.orders + excluded.orders`.execute(db.db);
		}
		this.daily.clear();
		this.customers.clear();
		this.customerMonths.clear();
	}

	private count(order: RollupOrder, sign: 1 | -1): void {
		const dayKey = `${order.currency}\u0000${order.placed_at}\u0000${order.status}`;
		const day = this.daily.get(dayKey) ?? {orders: 0, amount: 0};
		day.orders += sign;
		day.amount += sign * order.amount;
		this.daily.set(dayKey, day);
		if (!revenueStatuses.includes(order.status)) return;
		const customerKey = `${order.customer_id}\u0000${order.currency}`;
		addTo(this.customers, customerKey, sign, order.amount);
		addTo(this.customerMonths, `${customerKey}\u0000${order.placed_at.slice(0, 7)}`, sign, order.amount);
	}
}

function* chunks<T>(rows: T[], size = 500): Generator<T[]> {
	for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

function addTo(totals: Map<string, {revenue: number; orders: number}>, key: string, sign: 1 | -1, amount: number): void {
	const total = totals.get(key) ?? {revenue: 0, orders: 0};
	total.revenue += sign * amount;
	total.orders += sign;
	totals.set(key, total);
}

/**
 * Recomputes the order rollups from `orders` inside the caller's write transaction: for bulk
 * loads (`seed --orders`), where one GROUP BY at the end is cheaper than any per-row
 * bookkeeping, and as a repair tool.
 */
export async function rebuildRollups(db: Db): Promise<void> {
	await db.write(async tx => {
		for (const statement of [
			sql`DELETE FROM order_daily`,
			sql`DELETE FROM customer_revenue`,
			sql`DELETE FROM customer_monthly`,
			sql`INSERT INTO order_daily (currency, day, status, orders, amount)
				SELECT currency, placed_at, status, count(*), sum(amount) FROM orders GROUP BY currency, placed_at, status`,
			sql`INSERT INTO customer_revenue (customer_id, currency, revenue, orders)
				SELECT customer_id, currency, sum(amount), count(*) FROM orders
				WHERE status IN ('won', 'paid') GROUP BY customer_id, currency`,
			sql`INSERT INTO customer_monthly (customer_id, currency, month, revenue, orders)
				SELECT customer_id, currency, substr(placed_at, 1, 7), sum(amount), count(*) FROM orders
				WHERE status IN ('won', 'paid') GROUP BY customer_id, currency, substr(placed_at, 1, 7)`,
		]) await statement.execute(tx.db);
	});
}

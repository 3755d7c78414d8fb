import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';
import {revenueStatuses, type OrderFields} from './order-fields.js';

type RollupOrder = Pick<OrderFields, 'customer_id' | 'status' | 'amount' | 'currency' | 'placed_at'>;

const statements = statementCache(db => ({
	daily: db.prepare(`INSERT INTO order_daily (currency, day, status, orders, amount) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (currency, day, status) DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount`),
	customer: db.prepare(`INSERT INTO customer_revenue (customer_id, currency, revenue, orders) VALUES (?, ?, ?, ?)
		ON CONFLICT (customer_id, currency) DO UPDATE SET revenue = revenue + excluded.revenue, orders = orders + excluded.orders`),
	customerMonth: db.prepare(`INSERT INTO customer_monthly (customer_id, currency, month, revenue, orders) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (customer_id, currency, month) DO UPDATE SET revenue = revenue + excluded.revenue, orders = orders + excluded.orders`),
}));

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

	apply(db: Database): void {
		const s = statements(db);
		for (const [key, change] of this.daily) {
			if (change.orders === 0 && change.amount === 0) continue;
			const [currency, day, status] = key.split('\u0000') as [string, string, string];
			s.daily.run(currency, day, status, change.orders, change.amount);
		}
		for (const [key, change] of this.customers) {
			if (change.orders === 0 && change.revenue === 0) continue;
			const [customer, currency] = key.split('\u0000') as [string, string];
			s.customer.run(Number(customer), currency, change.revenue, change.orders);
		}
		for (const [key, change] of this.customerMonths) {
			if (change.orders === 0 && change.revenue === 0) continue;
			const [customer, currency, month] = key.split('\u0000') as [string, string, string];
			s.customerMonth.run(Number(customer), currency, month, change.revenue, change.orders);
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

function addTo(totals: Map<string, {revenue: number; orders: number}>, key: string, sign: 1 | -1, amount: number): void {
	const total = totals.get(key) ?? {revenue: 0, orders: 0};
	total.revenue += sign * amount;
	total.orders += sign;
	totals.set(key, total);
}

/**
 * Recomputes the order rollups from `orders`: for bulk loads (`seed --orders`), where one
 * GROUP BY at the end is cheaper than any per-row bookkeeping, and as a repair tool.
 */
export function rebuildRollups(db: Database): void {
	db.transaction(() => {
		db.exec(`
			DELETE FROM order_daily;
			DELETE FROM customer_revenue;
			DELETE FROM customer_monthly;
			INSERT INTO order_daily (currency, day, status, orders, amount)
				SELECT currency, placed_at, status, count(*), sum(amount) FROM orders GROUP BY currency, placed_at, status;
			INSERT INTO customer_revenue (customer_id, currency, revenue, orders)
				SELECT customer_id, currency, sum(amount), count(*) FROM orders
				WHERE status IN ('won', 'paid') GROUP BY customer_id, currency;
			INSERT INTO customer_monthly (customer_id, currency, month, revenue, orders)
				SELECT customer_id, currency, substr(placed_at, 1, 7), sum(amount), count(*) FROM orders
				WHERE status IN ('won', 'paid') GROUP BY customer_id, currency, substr(placed_at, 1, 7);
		`);
	}).immediate();
}

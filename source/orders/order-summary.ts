import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';
import type {Order} from './order-fields.js';
import {listOrders} from './orders.js';

export type CurrencyRevenue = {currency: string; revenue: number; orders: number};

export type CustomerOrdersSummary = {
	/** The newest orders, at most `limit`. */
	orders: Order[];
	/** All orders of the customer, any status. */
	orderCount: number;
	/** Won + paid, per currency (never summed across currencies), largest first. */
	lifetimeRevenue: CurrencyRevenue[];
};

const statements = statementCache(db => ({
	revenue: db.prepare<[number], CurrencyRevenue>(
		'SELECT currency, revenue, orders FROM customer_revenue WHERE customer_id = ? AND orders > 0 ORDER BY revenue DESC, currency'),
	count: db.prepare<[number], {count: number}>('SELECT count(*) AS count FROM orders WHERE customer_id = ?'),
}));

/** What the customer detail shows about orders: recent orders and lifetime revenue, from the rollups. */
export function customerOrdersSummary(db: Database, customerId: number, limit = 10): CustomerOrdersSummary {
	const s = statements(db);
	return {
		orders: listOrders(db, {customerId, limit}),
		orderCount: s.count.get(customerId)?.count ?? 0,
		lifetimeRevenue: s.revenue.all(customerId),
	};
}

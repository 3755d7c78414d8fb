import {sql} from 'kysely';
import type {Db} from '../store/store.js';
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

/** What the customer detail shows about orders: recent orders and lifetime revenue, from the rollups. */
export async function customerOrdersSummary(db: Db, customerId: number, limit = 10): Promise<CustomerOrdersSummary> {
	const [orders, count, revenue] = await Promise.all([
		listOrders(db, {customerId, limit}),
		sql<{count: number}>`SELECT count(*) AS count FROM orders WHERE customer_id = ${customerId}`.execute(db.db),
		sql<CurrencyRevenue>`SELECT currency, revenue, orders FROM customer_revenue WHERE customer_id = ${customerId} AND orders > 0 ORDER BY revenue DESC, currency`.execute(db.db),
	]);
	return {orders, orderCount: Number(count.rows[0]?.count ?? 0), lifetimeRevenue: revenue.rows};
}

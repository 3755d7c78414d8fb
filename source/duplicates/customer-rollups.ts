import {sql} from 'kysely';
import type {Db} from '../store/store.js';

/**
 * Recomputes the per-customer report rollups (customer_revenue, customer_monthly: see
 * source/orders/schema.ts) of a few customers from their orders, after orders moved between
 * them. The same SQL on both engines; order_daily has no customer and needs nothing.
 */
export async function recomputeCustomerRollups(db: Db, customerIds: readonly number[]): Promise<void> {
	const ids = sql.join(customerIds);
	await sql`DELETE FROM customer_revenue WHERE customer_id IN (${ids})`.execute(db.db);
	await sql`DELETE FROM customer_monthly WHERE customer_id IN (${ids})`.execute(db.db);
	await sql`INSERT INTO customer_revenue (customer_id, currency, revenue, orders)
		SELECT customer_id, currency, sum(amount), count(*) FROM orders
		WHERE customer_id IN (${ids}) AND status IN ('won', 'paid') GROUP BY customer_id, currency`.execute(db.db);
	await sql`INSERT INTO customer_monthly (customer_id, currency, month, revenue, orders)
		SELECT customer_id, currency, substr(placed_at, 1, 7), sum(amount), count(*) FROM orders
		WHERE customer_id IN (${ids}) AND status IN ('won', 'paid') GROUP BY customer_id, currency, substr(placed_at, 1, 7)`.execute(db.db);
}

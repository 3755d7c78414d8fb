import type {Db} from '../store/store.js';
import {statementCache} from '../store/statements.js';
import type {OrderFields} from './order-fields.js';

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO orders (number, customer_id, status, amount, currency, placed_at, closed_at, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
}));

/** Many orders at once on SQLite: one prepared statement on the raw handle, inside the caller's write transaction. */
export async function insertOrderBatchSqlite(tx: Db, orders: readonly OrderFields[], now: string): Promise<void> {
	const insert = statements(tx.sqlite!).insert;
	for (const order of orders) {
		insert.run(order.number, order.customer_id, order.status, order.amount, order.currency, order.placed_at, order.closed_at, order.note, now, now);
	}
}

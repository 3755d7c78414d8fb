import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {OrderFields} from './order-fields.js';

/** Many orders at once on PostgreSQL: one INSERT over arrays per few thousand rows, inside the caller's write transaction. */
export async function insertOrderBatchPostgres(tx: Db, orders: readonly OrderFields[], now: string): Promise<void> {
	for (let start = 0; start < orders.length; start += 10_000) {
		const chunk = orders.slice(start, start + 10_000);
		const column = <K extends keyof OrderFields>(key: K) => chunk.map(order => order[key]);
		await sql`INSERT INTO orders (number, customer_id, status, amount, currency, placed_at, closed_at, note, created_at, updated_at)
			SELECT number, customer_id, status, amount, currency, placed_at, closed_at, note, ${now}, ${now}
			FROM unnest(${column('number')}::text[], ${column('customer_id')}::bigint[], ${column('status')}::text[], ${column('amount')}::bigint[],
				${column('currency')}::text[], ${column('placed_at')}::text[], ${column('closed_at')}::text[], ${column('note')}::text[])
				AS given (number, customer_id, status, amount, currency, placed_at, closed_at, note)`.execute(tx.db);
	}
}

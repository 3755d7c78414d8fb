import type {Db} from '../store/store.js';
import type {OrderFields} from './order-fields.js';
import type {RollupChanges} from './order-rollups.js';
import {insertOrderBatchSqlite} from './order-bulk-sqlite.js';
import {insertOrderBatchPostgres} from './order-bulk-postgres.js';

/**
 * Inserts many already-validated orders (a seed of millions) inside the caller's write
 * transaction, each engine its fastest way, and counts them into `rollups` (applied by the caller).
 */
export async function insertOrderBatch(tx: Db, orders: readonly OrderFields[], now: string, rollups: RollupChanges): Promise<void> {
	if (tx.engine === 'sqlite') await insertOrderBatchSqlite(tx, orders, now);
	else await insertOrderBatchPostgres(tx, orders, now);
	for (const order of orders) rollups.add(order);
}

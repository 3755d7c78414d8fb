import type {Db} from '../store/store.js';

/** The highest customer id now: an import's new customers are those above it (ids only grow). */
export async function lastCustomerId(db: Db): Promise<number> {
	const found = await db.db.selectFrom('customers').select(eb => eb.fn.max('id').as('last')).executeTakeFirst();
	return Number(found?.last ?? 0);
}

/** Customers added after `lastId`, in id order: the rows an import accepted, in file order. */
export async function customerIdsAfter(db: Db, lastId: number): Promise<number[]> {
	const rows = await db.db.selectFrom('customers').select('id').where('id', '>', lastId).orderBy('id').execute();
	return rows.map(row => Number(row.id));
}

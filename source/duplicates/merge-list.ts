import type {Db} from '../store/store.js';

export type MergeEntry = {id: number; at: string; actor: string; keep_id: number; keep_name: string; other_ids: number[]; prefer: string; undone_at: string | null; undone_by: string | null};

/** The merges, newest first, with the kept customer's name as it is now. */
export async function listMerges(db: Db, limit: number): Promise<MergeEntry[]> {
	const rows = await db.db.selectFrom('merges').innerJoin('customers', 'customers.id', 'merges.keep_id')
		.select(['merges.id', 'merges.at', 'merges.actor', 'merges.keep_id', 'customers.name', 'merges.other_ids', 'merges.prefer', 'merges.undone_at', 'merges.undone_by'])
		.orderBy('merges.id', 'desc').limit(Math.min(limit, 1_000_000)).execute();
	return rows.map(row => ({
		id: Number(row.id), at: row.at, actor: row.actor, keep_id: Number(row.keep_id), keep_name: row.name,
		other_ids: JSON.parse(row.other_ids) as number[], prefer: row.prefer, undone_at: row.undone_at, undone_by: row.undone_by,
	}));
}

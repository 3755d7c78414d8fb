import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {MergeRowsTable} from '../store/tables.js';

/**
 * The tables whose rows belong to a customer by `customer_id` and move to KEEP in a merge.
 * (The report rollups are recomputed instead: customer-rollups.ts.)
 */
export const movedTables = ['interactions', 'orders', 'jobs', 'customer_history'] as const;
export type MovedTable = (typeof movedTables)[number];

export const rollupTables = ['customer_revenue', 'customer_monthly'] as const;

export type JournalRow = Omit<MergeRowsTable, 'merge_id' | 'seq'>;

/** Collects the before-images of a merge, written in one go with the merge's record. */
export class MergeJournal {
	readonly rows: JournalRow[] = [];

	updated(table: string, key: Record<string, unknown>, before: unknown): void {
		this.rows.push({table_name: table, row_key: JSON.stringify(key), action: 'updated', before: JSON.stringify(before)});
	}

	moved(table: MovedTable, before: {id: number}): void {
		this.rows.push({table_name: table, row_key: JSON.stringify({id: Number(before.id)}), action: 'moved', before: JSON.stringify(before)});
	}

	inserted(table: string, key: Record<string, unknown>): void {
		this.rows.push({table_name: table, row_key: JSON.stringify(key), action: 'inserted', before: null});
	}

	deleted(table: string, key: Record<string, unknown>, before: unknown): void {
		this.rows.push({table_name: table, row_key: JSON.stringify(key), action: 'deleted', before: JSON.stringify(before)});
	}

	async write(db: Db, mergeId: number): Promise<void> {
		for (let start = 0; start < this.rows.length; start += 500) {
			const slice = this.rows.slice(start, start + 500).map((row, index) => ({...row, merge_id: mergeId, seq: start + index + 1}));
			await db.db.insertInto('merge_rows').values(slice).execute();
		}
	}
}

/** The journal of a merge, in the order it was written. */
export async function journalOf(db: Db, mergeId: number): Promise<JournalRow[]> {
	return db.db.selectFrom('merge_rows').select(['table_name', 'row_key', 'action', 'before']).where('merge_id', '=', mergeId).orderBy('seq').execute();
}

/** Every column of the rows of `table` whose `column` is one of `ids`, in id (or key) order. */
export async function rowsOf(db: Db, table: string, column: string, ids: readonly number[]): Promise<Array<Record<string, unknown>>> {
	if (ids.length === 0) return [];
	const found = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(ids)})`.execute(db.db);
	return found.rows;
}

import {sql, type RawBuilder} from 'kysely';
import type {Db} from './store.js';

/**
 * The few words of SQL that differ between the engines inside otherwise shared queries. Whole
 * strategies that differ (search, bulk loading, name-rank locking) have a file per engine.
 */

/** SQLite's planner sometimes needs the index named (`INDEXED BY`); PostgreSQL has no such clause and plans well from its statistics. */
export function indexedBy(db: Db, index: string): RawBuilder<unknown> {
	return db.engine === 'sqlite' ? sql.raw(`INDEXED BY ${index}`) : sql.raw('');
}

/**
 * Locks the rows a read-then-write reads (PostgreSQL, READ COMMITTED: two sessions may read the
 * same row at once). SQLite needs none: a write transaction holds the whole file from BEGIN.
 */
export function forUpdate(db: Db): RawBuilder<unknown> {
	return db.engine === 'postgres' ? sql.raw('FOR UPDATE') : sql.raw('');
}

/**
 * The id a new row of `table` will get, before it is inserted (name order breaks ties by id).
 * SQLite: one writer at a time, so the next after the highest. PostgreSQL: the identity's
 * sequence, so concurrent sessions never get the same one.
 */
export async function nextId(db: Db, table: 'customers' | 'orders'): Promise<number> {
	const found = db.engine === 'postgres'
		? await sql<{id: number}>`SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id`.execute(db.db)
		: await sql<{id: number}>`SELECT coalesce(max(id), 0) + 1 AS id FROM ${sql.table(table)}`.execute(db.db);
	return Number(found.rows[0]!.id);
}

/** Whether `error` is a unique index refusing a row (PostgreSQL: two sessions inserted the same value at once). */
export function isUniqueViolation(error: unknown, index: string): boolean {
	const problem = error as {code?: string; constraint?: string; message?: string};
	if (problem?.code === '23505') return problem.constraint === index;
	return problem?.code === 'SQLITE_CONSTRAINT_UNIQUE' && (problem.message ?? '').includes(index);
}

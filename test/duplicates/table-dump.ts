import {sql} from 'kysely';
import type {Db} from '../../source/store/store.js';

/**
 * Every row of every table of either engine as sorted text lines, for "nothing changed"
 * checks. SQLite's FTS5 search index is left out (its shadow tables record how entries were
 * written, not just what they are): tests compare what searching finds instead.
 */
export async function tableDump(db: Db, except: readonly string[] = []): Promise<Map<string, string[]>> {
	const tables = db.engine === 'sqlite'
		? (await sql<{name: string}>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'customers_search%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`.execute(db.db)).rows
		: (await sql<{name: string}>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.db)).rows;
	const dump = new Map<string, string[]>();
	for (const {name} of tables) {
		if (except.includes(name)) continue;
		const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db.db)).rows;
		dump.set(name, rows.map(row => JSON.stringify(row, (_, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value))).sort());
	}
	return dump;
}

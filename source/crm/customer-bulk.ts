import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';
import type {CustomerFields} from './customer-fields.js';
import {customerIndexes, customerIndexNames} from './schema.js';
import {nameKeyOf, searchTextOf} from './search-text.js';

/**
 * Inserts many validated customers inside the caller's transaction, as fast as SQLite
 * allows: rows first, then the search indexes filled by SQL in one pass each, and, when
 * the batch is at least as large as the table, the B-tree indexes rebuilt by sorting
 * instead of a million random-order inserts. Uniqueness of emails is the caller's check;
 * the rebuilt unique index still refuses a duplicate (and the transaction rolls back).
 */
export type BulkInsert = {
	add: (fields: CustomerFields) => number;
	/** Builds what was deferred. Must run before the transaction commits. */
	finish: () => void;
};

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO customers
		(name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, name_key, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
	rowCount: db.prepare<[], {count: number}>('SELECT count(*) AS count FROM customers'),
	maxId: db.prepare<[], {id: number | null}>('SELECT max(id) AS id FROM customers'),
	fillTrigram: db.prepare(`INSERT INTO customers_trigram (rowid, search_text)
		SELECT id, substr(search_text, 1, instr(search_text, char(10)) - 1) FROM customers WHERE id > ?`),
	fillWords: db.prepare(`INSERT INTO customers_words (rowid, search_words)
		SELECT id, substr(search_text, instr(search_text, char(10)) + 2) FROM customers WHERE id > ?`),
}));

export function startBulkInsert(db: Database, options: {now: string; expectedRows: number}): BulkInsert {
	if (!db.inTransaction) throw new Error('startBulkInsert must run inside a transaction');
	const s = statements(db);
	const firstNewAfter = s.maxId.get()!.id ?? 0;
	const rebuildIndexes = options.expectedRows >= 10_000 && options.expectedRows >= s.rowCount.get()!.count;
	if (rebuildIndexes) for (const name of customerIndexNames) db.exec(`DROP INDEX IF EXISTS ${name}`);
	const {now} = options;
	return {
		add(fields) {
			const {searchText} = searchTextOf(fields);
			return Number(s.insert.run(
				fields.name, fields.company, fields.email, fields.phone, fields.address, fields.city, fields.country,
				fields.status, JSON.stringify(fields.tags), fields.notes, now, now, nameKeyOf(fields.name), searchText,
			).lastInsertRowid);
		},
		finish() {
			if (rebuildIndexes) for (const sql of customerIndexes) db.exec(sql);
			s.fillTrigram.run(firstNewAfter);
			s.fillWords.run(firstNewAfter);
		},
	};
}

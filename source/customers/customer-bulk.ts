import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';
import type {CustomerFields} from './customer-fields.js';
import {insertValidCustomer} from './customers.js';
import {rebuildCustomerSearch} from './customer-search-index.js';
import {renumberAllRanks} from './name-rank.js';
import {customerIndexes, customerIndexNames} from './schema.js';
import {nameKeyOf, searchTextOf} from './search-text.js';

/**
 * Inserts many validated customers inside the caller's transaction. It starts row by row;
 * once the batch has grown as large as the table was (and past a few thousand rows), it
 * switches to one pass: the rest go in bare, and everything derived is built once at the
 * end: name ranks numbered from one sort, B-tree indexes created by sorting (several times
 * cheaper than a million inserts in random name order), and both search indexes refilled
 * by SQL. Email uniqueness is the caller's check; the rebuilt unique index still refuses
 * a duplicate, and the transaction rolls back.
 */
export type BulkInsert = {
	add: (fields: CustomerFields) => number;
	/** Builds what was deferred. Must run before the transaction commits. */
	finish: () => void;
};

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO customers
		(name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, name_key, name_rank, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`),
	rowCount: db.prepare<[], number>('SELECT count(*) FROM customers').pluck(),
}));

/** Batches smaller than this stay row by row: rebuilding costs more than it saves. */
const onePassThreshold = 5_000;

export function startBulkInsert(db: Database, options: {now: string}): BulkInsert {
	if (!db.inTransaction) throw new Error('startBulkInsert must run inside a transaction');
	const s = statements(db);
	const {now} = options;
	const rowsBefore = s.rowCount.get()!;
	let added = 0;
	let onePass = false;
	return {
		add(fields) {
			added++;
			if (!onePass && added > onePassThreshold && added > rowsBefore) {
				onePass = true;
				for (const name of customerIndexNames) db.exec(`DROP INDEX IF EXISTS ${name}`);
			}
			if (!onePass) return insertValidCustomer(db, fields, now);
			const {searchText} = searchTextOf(fields);
			return Number(s.insert.run(
				fields.name, fields.company, fields.email, fields.phone, fields.address, fields.city, fields.country,
				fields.status, JSON.stringify(fields.tags), fields.notes, now, now, nameKeyOf(fields.name), searchText,
			).lastInsertRowid);
		},
		finish() {
			if (!onePass) return;
			renumberAllRanks(db);
			for (const sql of customerIndexes) db.exec(sql);
			rebuildCustomerSearch(db);
		},
	};
}

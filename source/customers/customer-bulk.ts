import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';
import type {CustomerFields} from './customer-fields.js';
import {insertValidCustomer} from './customers.js';
import {rebuildCustomerSearch} from './customer-search-index.js';
import {adoptScratchIndex} from './search-index-file.js';
import {renumberAllRanks} from './name-rank.js';
import {customerIndexes, customerIndexNames} from './schema.js';
import {nameKeyOf, searchTextOf} from './search-text.js';

/**
 * Inserts many validated customers inside the caller's transaction. It starts row by row;
 * once the batch has grown as large as the table was (and past a few thousand rows), it
 * switches to one pass: the rest go in bare, and everything derived is built once at the
 * end: name ranks numbered from one sort, B-tree indexes created by sorting (several times
 * cheaper than a million inserts in random name order), and both search indexes refilled
 * by SQL in rank order. Email uniqueness is the caller's check; the rebuilt unique index
 * still refuses a duplicate, and the transaction rolls back.
 *
 * A caller that numbered the names of the whole batch beforehand (an import of a file into
 * an empty table, a seed: see name-order.ts) passes `ranked` and each row's rank: rows then
 * go in bare from the first with their final rank, and no renumbering pass is needed.
 *
 * This is the one place that knows the bulk path's SQLite tricks (dropping and recreating
 * indexes, refilling FTS5 in rowid order).
 */
export type BulkInsert = {
	/** Inserts one customer; returns its id. */
	add: (fields: CustomerFields, extra?: BulkExtras) => number;
	/** Builds what was deferred. Must run before the transaction commits. */
	finish: () => void;
	/** The same in two steps, so the search index can be built elsewhere meanwhile: first the table's own indexes... */
	finishTables: () => void;
	/** ...then the search index: refilled from the rows, or taken over from a scratch index (search-index-file.ts). */
	finishSearch: (scratchIndex?: string) => void;
};

/** What an import or a seed may know about a row beyond its fields. */
export type BulkExtras = {
	/** Keep this id (an export's, into an empty table); must be above every id so far. */
	id?: number;
	createdAt?: string;
	updatedAt?: string;
	version?: number;
	/** Derived beforehand (in the parse worker) from the fields, as search-text.ts does. */
	nameKey?: string;
	searchText?: string;
	/** The final name rank, in `ranked` mode. */
	rank?: number;
};

export type BulkRow = BulkExtras & {fields: CustomerFields};

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO customers
		(id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version, name_key, name_rank, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
	stamp: db.prepare<[number, string, string, number, number]>('UPDATE customers SET id = ?, created_at = ?, updated_at = ?, version = ? WHERE id = ?'),
	rowCount: db.prepare<[], number>('SELECT count(*) FROM customers').pluck(),
	lastId: db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM customers').pluck(),
}));

/** Batches smaller than this stay row by row: rebuilding costs more than it saves. */
const onePassThreshold = 5_000;

export function startBulkInsert(db: Database, options: {now: string; ranked?: boolean}): BulkInsert {
	if (!db.inTransaction) throw new Error('startBulkInsert must run inside a transaction');
	const s = statements(db);
	const {now} = options;
	const rowsBefore = s.rowCount.get()!;
	// Ranks numbered for an empty table mean nothing beside other rows: then renumber as usual.
	const ranked = options.ranked === true && rowsBefore === 0;
	let lastId = s.lastId.get()!;
	let added = 0;
	let onePass = false;
	let cacheSize: unknown;
	const goBare = () => {
		onePass = true;
		for (const name of customerIndexNames) db.exec(`DROP INDEX IF EXISTS ${name}`);
		// Index builds sort in the page cache and spill to temporary files past it: a large
		// cache for the duration (restored in finish) keeps a million rows' sorts in memory.
		cacheSize = db.pragma('cache_size', {simple: true});
		db.pragma('cache_size = -1048576');
	};
	if (ranked) goBare();
	return {
		add(fields, extra = {}) {
			added++;
			if (!onePass && added > onePassThreshold && added > rowsBefore) goBare();
			const id = extra.id ?? lastId + 1;
			lastId = id;
			if (!onePass) {
				// Row by row: ranks and search entries as a single edit makes them.
				const given = insertValidCustomer(db, fields, now);
				if (given !== id || extra.createdAt !== undefined || extra.updatedAt !== undefined || extra.version !== undefined) {
					const created = extra.createdAt ?? now;
					s.stamp.run(id, created, extra.updatedAt ?? created, extra.version ?? 1, given);
				}
				return id;
			}
			const created = extra.createdAt ?? now;
			s.insert.run(
				id, fields.name, fields.company, fields.email, fields.phone, fields.address, fields.city, fields.country,
				fields.status, JSON.stringify(fields.tags), fields.notes, created, extra.updatedAt ?? created, extra.version ?? 1,
				extra.nameKey ?? nameKeyOf(fields.name), ranked ? extra.rank ?? 0 : 0, extra.searchText ?? searchTextOf(fields).searchText,
			);
			return id;
		},
		finish() {
			this.finishTables();
			this.finishSearch();
		},
		finishTables() {
			if (!onePass) return;
			if (!ranked) renumberAllRanks(db);
			for (const sql of customerIndexes) db.exec(sql);
		},
		finishSearch(scratchIndex) {
			if (!onePass) return;
			try {
				if (scratchIndex && ranked) adoptScratchIndex(db, scratchIndex);
				else rebuildCustomerSearch(db);
			} finally {
				db.pragma(`cache_size = ${Number(cacheSize)}`);
			}
		},
	};
}

import type {Database} from 'better-sqlite3';
import type {Db} from '../store/store.js';
import {statementCache} from '../store/statements.js';
import type {CustomerFields} from './customer-fields.js';
import {insertValidCustomer} from './customers.js';
import {rebuildCustomerSearch} from './customer-search-index.js';
import {adoptScratchIndex} from './search-index-file.js';
import {renumberAllRanks} from './name-rank.js';
import {customerIndexes, customerIndexNames} from './schema.js';
import {matchIndexes, matchIndexNames} from '../duplicates/schema.js';
import {matchColumnsOf} from '../duplicates/match-columns.js';
import {nameKeyOf, searchTextOf} from './search-text.js';
import {onePassThreshold, type BulkExtras, type BulkOptions, type EngineBulkInsert} from './customer-bulk.js';

/**
 * The bulk insert on SQLite (customer-bulk.ts): row by row through insertValidCustomer at
 * first; once the batch has grown as large as the table was, the rest go in bare through
 * prepared statements on the raw handle, and everything derived is built once at the end:
 * name ranks numbered from one sort, B-tree indexes created by sorting (several times
 * cheaper than a million inserts in random name order), and the FTS5 search index refilled
 * by SQL in rank order. The one place that knows the bulk path's SQLite tricks (dropping and
 * recreating indexes, refilling FTS5 in rowid order).
 */
const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO customers
		(id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version, name_key, name_rank, search_text,
		match_email, match_phone, match_company, match_city, match_name_a, match_name_b)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
	stamp: db.prepare<[number, string, string, number, number]>('UPDATE customers SET id = ?, created_at = ?, updated_at = ?, version = ? WHERE id = ?'),
	rowCount: db.prepare<[], number>('SELECT count(*) FROM customers').pluck(),
	lastId: db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM customers').pluck(),
}));

export async function startSqliteBulkInsert(tx: Db, options: BulkOptions, keepIds: boolean): Promise<EngineBulkInsert> {
	const db: Database = tx.sqlite!;
	const s = statements(db);
	const {now} = options;
	const rowsBefore = s.rowCount.get()!;
	// Ranks numbered for an empty table mean nothing beside other rows: then renumber as usual.
	const ranked = options.ranked === true && rowsBefore === 0;
	let lastId = s.lastId.get()!;
	let added = 0;
	let onePass = false;
	let cacheSize: unknown;
	const created: number[] = [];
	// Rows taken in the row-by-row phase, written by flush (insertValidCustomer is async).
	let queued: Array<{fields: CustomerFields; extra: BulkExtras; id: number}> = [];
	const goBare = () => {
		onePass = true;
		for (const name of [...customerIndexNames, ...matchIndexNames]) db.exec(`DROP INDEX IF EXISTS ${name}`);
		// Index builds sort in the page cache and spill to temporary files past it: a large
		// cache for the duration (restored in finishSearch) keeps a million rows' sorts in memory.
		cacheSize = db.pragma('cache_size', {simple: true});
		db.pragma('cache_size = -1048576');
	};
	if (ranked) goBare();
	const insertBare = (fields: CustomerFields, extra: BulkExtras, id: number) => {
		const createdAt = extra.createdAt ?? now;
		const match = extra.match ?? matchColumnsOf(fields);
		s.insert.run(
			id, fields.name, fields.company, fields.email, fields.phone, fields.address, fields.city, fields.country,
			fields.status, JSON.stringify(fields.tags), fields.notes, createdAt, extra.updatedAt ?? createdAt, extra.version ?? 1,
			extra.nameKey ?? nameKeyOf(fields.name), ranked ? extra.rank ?? 0 : 0, extra.searchText ?? searchTextOf(fields).searchText,
			match.match_email, match.match_phone, match.match_company, match.match_city, match.match_name_a, match.match_name_b,
		);
	};
	const flush = async () => {
		// A batch past the threshold and larger than the table goes in bare, queued rows too:
		// row by row costs about a millisecond a row (rank neighbours, the FTS5 entry, Kysely),
		// rebuilding what derives from the rows a few microseconds.
		if (!onePass && added > onePassThreshold && added > rowsBefore) {
			goBare();
			const rows = queued;
			queued = [];
			for (const {fields, extra, id} of rows) insertBare(fields, extra, id);
			return;
		}
		for (const {fields, extra, id} of queued) {
			// Row by row: ranks and search entries as a single edit makes them.
			const given = await insertValidCustomer(tx, fields, now);
			if (given !== id || extra.createdAt !== undefined || extra.updatedAt !== undefined || extra.version !== undefined) {
				const createdAt = extra.createdAt ?? now;
				s.stamp.run(id, createdAt, extra.updatedAt ?? createdAt, extra.version ?? 1, given);
			}
		}
		queued = [];
	};
	return {
		created,
		get pending() {
			return queued.length;
		},
		add(fields, extra = {}) {
			added++;
			const id = extra.id ?? lastId + 1;
			lastId = id;
			if (keepIds) created.push(id);
			if (onePass) insertBare(fields, extra, id);
			else queued.push({fields, extra, id});
		},
		flush,
		async finishTables() {
			await flush();
			if (!onePass) return;
			if (!ranked) renumberAllRanks(db);
			for (const statement of [...customerIndexes, ...matchIndexes]) db.exec(statement);
		},
		async finishSearch(scratchIndex) {
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

import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import Database from 'better-sqlite3';
import type {Database as Db} from 'better-sqlite3';
import {createCustomerSearchIndex, searchIndexTable} from './customer-search-index.js';

/**
 * Building the search index of a bulk load in another thread, at the same time as the rows
 * and B-tree indexes go into the database: the worker that made the rows fills the index in
 * a scratch database of its own (SQLite lets one writer at a time into a file), and the
 * import's thread then takes the finished index over inside its transaction, by copying
 * FTS5's tables row for row. Filling the index was the largest single step of a million-row
 * import; this takes it off the critical path. The SQLite-specific part of the bulk path,
 * kept here with customer-bulk.ts.
 */


/** Where a scratch index for `databaseFile` goes: beside it, named so a later write's cleanup removes it if this process dies. */
export function scratchIndexPath(databaseFile: string): string {
	return path.join(path.dirname(databaseFile), `.${path.basename(databaseFile)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export function removeScratchIndex(file: string): void {
	for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
}

/** One customer's index entry: rank, the substring line and the word starts (search-text.ts). */
export type SearchEntries = {ranks: number[]; substrings: string[]; wordStarts: string[]};

/** Fills a scratch index with the entries, in rank order (worker side). */
export function buildScratchIndex(file: string, entries: SearchEntries): void {
	const order = Uint32Array.from(entries.ranks.keys()).sort((a, b) => entries.ranks[a]! - entries.ranks[b]!);
	removeScratchIndex(file);
	const scratch = new Database(file);
	try {
		// Nothing here must survive a crash: the import's transaction decides.
		scratch.pragma('journal_mode = OFF');
		scratch.pragma('synchronous = OFF');
		scratch.pragma('cache_size = -262144');
		createCustomerSearchIndex(scratch);
		scratch.exec(`INSERT INTO ${searchIndexTable} (${searchIndexTable}, rank) VALUES ('hashsize', ${256 * 1024 * 1024})`);
		const insert = scratch.prepare<[number, string, string]>(`INSERT INTO ${searchIndexTable} (rowid, search_text, word_starts) VALUES (?, ?, ?)`);
		scratch.transaction(() => {
			for (const index of order) insert.run(entries.ranks[index]!, entries.substrings[index]!, entries.wordStarts[index]!);
		}).immediate();
		scratch.exec(`INSERT INTO ${searchIndexTable} (${searchIndexTable}, rank) VALUES ('hashsize', ${1024 * 1024})`);
	} finally {
		scratch.close();
	}
}

/**
 * Replaces the database's search index with the scratch one, inside the caller's
 * transaction. The index is dropped and created anew first, so no cached state of the old
 * one survives in this connection; FTS5 then reads the copied tables as its own.
 */
export function adoptScratchIndex(db: Db, file: string): void {
	if (!db.inTransaction) throw new Error('adoptScratchIndex must run inside a transaction');
	db.exec(`DROP TABLE ${searchIndexTable}`);
	createCustomerSearchIndex(db);
	const scratch = new Database(file, {readonly: true});
	// FTS5's tables are read-only to SQL in better-sqlite3's defensive mode; lifted for the copy only.
	db.unsafeMode(true);
	try {
		// FTS5's own tables behind the index (customers_search_data, _idx, _config).
		const shadowTables = scratch.prepare<[string], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'")
			.pluck().all(`${searchIndexTable.replaceAll('_', '\\_')}\\_%`);
		for (const table of shadowTables) {
			const columns = scratch.prepare(`SELECT * FROM ${table} LIMIT 0`).columns().length;
			db.exec(`DELETE FROM ${table}`);
			const insert = db.prepare(`INSERT INTO ${table} VALUES (${Array.from({length: columns}, () => '?').join(', ')})`);
			for (const row of scratch.prepare(`SELECT * FROM ${table}`).raw().iterate()) insert.run(...(row as unknown[]));
		}
	} finally {
		db.unsafeMode(false);
		scratch.close();
	}
}

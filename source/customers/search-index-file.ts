import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import Database from 'better-sqlite3';
import type {Database as Db, Statement} from 'better-sqlite3';
import {createCustomerSearchIndex, searchIndexFillSql, searchIndexTable, withLargePendingBuffer} from './customer-search-index.js';

/**
 * Building the search index of a bulk load in another thread, at the same time as the
 * B-tree indexes go into the database: the inserting thread writes each row's entry to a
 * scratch database of its own (SQLite lets one writer at a time into a file), a derive
 * worker fills the index there from them, and the import's thread then takes the finished
 * index over inside its transaction, by copying FTS5's tables row for row. Filling the
 * index was the largest single step of a million-row import; this takes it off the critical
 * path. The SQLite-specific part of the bulk path, kept here with customer-bulk.ts.
 */

/** Where a scratch index for `databaseFile` goes: beside it, named so a later write's cleanup removes it if this process dies. */
export function scratchIndexPath(databaseFile: string): string {
	return path.join(path.dirname(databaseFile), `.${path.basename(databaseFile)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export function removeScratchIndex(file: string): void {
	for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
}

/**
 * The inserting thread's side: every row's rank and `search_text`, written to a plain table of
 * the scratch file as the rows go in (a few microseconds a row, where the inserting thread
 * mostly waits for rows), so the index can then be built from it by SQLite alone, in another
 * thread. Writing stops at the first failure (say, a full disk beside the database): that is
 * not the import's failure, the import then fills the index itself (`usable` is false).
 */
export class ScratchEntries {
	private db: Db | undefined;
	private insert: Statement<[number, string]> | undefined;
	usable = true;

	constructor(readonly file: string) {
		this.attempt(() => {
			removeScratchIndex(file);
			const db = new Database(file);
			this.db = db;
			// Nothing here must survive a crash: the import's transaction decides.
			db.pragma('journal_mode = OFF');
			db.pragma('synchronous = OFF');
			db.exec(`CREATE TABLE ${entriesTable} (rank INTEGER NOT NULL, search_text TEXT NOT NULL); BEGIN`);
			this.insert = db.prepare(`INSERT INTO ${entriesTable} VALUES (?, ?)`);
		});
	}

	add(rank: number, searchText: string): void {
		if (this.usable) this.attempt(() => this.insert!.run(rank, searchText));
	}

	/** Commits the entries; whether an index can be built from them. */
	close(): boolean {
		this.attempt(() => this.db?.exec('COMMIT'));
		this.db?.close();
		this.db = undefined;
		return this.usable;
	}

	private attempt(work: () => void): void {
		try {
			work();
		} catch {
			this.usable = false;
		}
	}
}

const entriesTable = 'scratch_entries';

/** Builds the scratch index from the entries ScratchEntries wrote (a derive worker's side, while the inserting thread builds the B-tree indexes). */
export function buildScratchIndex(file: string): void {
	const scratch = new Database(file);
	try {
		scratch.pragma('journal_mode = OFF');
		scratch.pragma('synchronous = OFF');
		// The rank-order sort of a million entries stays in memory.
		scratch.pragma('cache_size = -524288');
		createCustomerSearchIndex(scratch);
		scratch.transaction(() => withLargePendingBuffer(scratch, () => scratch.exec(searchIndexFillSql(entriesTable, 'rank')))).immediate();
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

import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import Database from 'better-sqlite3';
import type {Database as Db, Statement} from 'better-sqlite3';
import {createCustomerSearchIndex, searchIndexFillSql, searchIndexTable, withLargePendingBuffer} from './customer-search-index.js';

/**
 * Building the search index of a bulk load in another thread, at the same time as the
 * B-tree indexes go into the database: the derive workers write each row's entry to scratch
 * files of their own (SQLite lets one writer at a time into a file), one of them fills the
 * index in a scratch database from them, and the import's thread then takes the finished
 * index over inside its transaction, by copying FTS5's tables row for row. Filling the
 * index was the largest single step of a million-row import; this takes it off the critical
 * path. The SQLite-specific part of the bulk path, kept here with customer-bulk.ts.
 */

/** Where a scratch index for `databaseFile` goes: beside it, named so a later write's cleanup removes it if this process dies. */
export function scratchIndexPath(databaseFile: string): string {
	return path.join(path.dirname(databaseFile), `.${path.basename(databaseFile)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Removes a scratch index and the entry files beside it (scratchEntriesPath). */
export function removeScratchIndex(file: string): void {
	const prefix = path.basename(file);
	let names: string[];
	try {
		names = fs.readdirSync(path.dirname(file));
	} catch {
		return;
	}
	for (const name of names) if (name.startsWith(prefix)) fs.rmSync(path.join(path.dirname(file), name), {force: true});
}

function removeScratchFile(file: string): void {
	for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
}

/**
 * A derive worker's side: the rank and `search_text` of each row it derived, written to a
 * plain table of a scratch file of its own, a batch at a time, so the search index can then
 * be built from them by SQLite alone (buildScratchIndex). Writing stops at the first failure
 * (say, a full disk beside the database): that is not the load's failure, the load then fills
 * the index itself (`usable` is false).
 */
export class ScratchEntries {
	private db: Db | undefined;
	private insert: Statement<[number, string]> | undefined;
	usable = true;

	constructor(readonly file: string) {
		this.attempt(() => {
			const db = new Database(file);
			this.db = db;
			// Nothing here must survive a crash: the load's transaction decides.
			db.pragma('journal_mode = OFF');
			db.pragma('synchronous = OFF');
			db.exec(`CREATE TABLE ${entriesTable} (rank INTEGER NOT NULL, search_text TEXT NOT NULL)`);
			this.insert = db.prepare(`INSERT INTO ${entriesTable} VALUES (?, ?)`);
		});
	}

	/** Writes a batch's entries in one transaction: once the batch is passed on, the index builder can read them. */
	addBatch(entries: Iterable<[rank: number, searchText: string]>): void {
		if (!this.usable) return;
		this.attempt(() => this.db!.transaction(() => {
			for (const [rank, searchText] of entries) this.insert!.run(rank, searchText);
		}).immediate());
	}

	close(): void {
		this.db?.close();
		this.db = undefined;
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

/** The file where derive worker `index` writes its entries, beside the scratch index (removed with it). */
export function scratchEntriesPath(scratchIndex: string, index: number): string {
	return `${scratchIndex}-entries-${index}`;
}

/** Builds the scratch index from the entries the derive workers wrote (one derive worker's side, while the inserting thread builds the B-tree indexes). */
export function buildScratchIndex(file: string, entryFiles: readonly string[]): void {
	removeScratchFile(file);
	const scratch = new Database(file);
	try {
		scratch.pragma('journal_mode = OFF');
		scratch.pragma('synchronous = OFF');
		// The rank-order sort of a million entries stays in memory.
		scratch.pragma('cache_size = -524288');
		createCustomerSearchIndex(scratch);
		const parts = entryFiles.map((entries, index) => {
			scratch.prepare('ATTACH ? AS ?').run(entries, `entries_${index}`);
			return `SELECT rank, search_text FROM entries_${index}.${entriesTable}`;
		});
		scratch.transaction(() => withLargePendingBuffer(scratch, () => scratch.exec(searchIndexFillSql(`(${parts.join(' UNION ALL ')})`, 'rank')))).immediate();
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

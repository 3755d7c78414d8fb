import fs from 'node:fs';
import path from 'node:path';
import type {Database as SqliteHandle, Statement} from 'better-sqlite3';
import {rebuildCustomerSearch, searchIndexTable} from '../customers/customer-search-index.js';
import {openOpsdesk} from '../open-opsdesk.js';
import {reserveAtomicFile, type ReservedFile} from '../store/atomic-write.js';
import {DatabaseUnavailable} from '../store/database-trouble.js';
import {ConflictError, UserError} from '../store/errors.js';
import type {CopyDestination, CopySource} from './copy-ends.js';
import type {CopyTable, RowBatch, TableShape} from './copy-tables.js';
import {RowDigest} from './row-digest.js';

/**
 * Both ends of a copy on SQLite. Reading: one read transaction over every table, so the copy is
 * one snapshot while others keep writing (WAL). Writing: a new file beside the target, filled
 * without a journal (it is thrown away on any failure), its indexes and triggers dropped while
 * rows go in and made again after, its search index rebuilt; renamed into place only after
 * every table checked out. A killed copy leaves a `.NAME.partial-…` file, removed by the next.
 */

const batchRows = 5000;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables opsdesk keeps, without SQLite's own and the search index (derived: rebuilt, never copied). */
export function sqliteTables(handle: SqliteHandle): TableShape[] {
	const virtual = handle.prepare<[], {name: string}>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all().map(row => row.name);
	const unknown = virtual.filter(name => name !== searchIndexTable);
	if (unknown.length > 0) throw new UserError(`copy-database does not know how to rebuild ${unknown.join(', ')}; copy with the opsdesk that made this database`);
	const names = handle.prepare<[], {name: string}>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all()
		.map(row => row.name).filter(name => !virtual.some(table => name === table || name.startsWith(`${table}_`)));
	return names.map(name => {
		const columns = handle.prepare<[string], {name: string; pk: number; hidden: number}>('SELECT name, pk, hidden FROM pragma_table_xinfo(?)').all(name);
		const references = handle.prepare<[string], {table: string}>('SELECT "table" FROM pragma_foreign_key_list(?)').all(name).map(row => row.table);
		return {
			name,
			columns: columns.filter(column => column.hidden === 0).map(column => column.name),
			primaryKey: columns.filter(column => column.pk > 0).sort((a, b) => a.pk - b.pk).map(column => column.name),
			references,
		};
	});
}

function selectInKeyOrder(table: CopyTable): string {
	return `SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)} ORDER BY ${table.primaryKey.map(quote).join(', ')}`;
}

function* batches(statement: Statement): Generator<RowBatch> {
	let batch: RowBatch = [];
	for (const row of statement.raw().iterate() as IterableIterator<unknown[]>) {
		batch.push(row);
		if (batch.length === batchRows) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length > 0) yield batch;
}

export class SqliteSource implements CopySource {
	readonly tables: TableShape[];

	constructor(private readonly handle: SqliteHandle) {
		this.tables = sqliteTables(handle);
		// One snapshot for every table: the read transaction starts at the first read.
		handle.exec('BEGIN');
		handle.prepare('SELECT count(*) FROM sqlite_master').get();
	}

	async *rows(table: CopyTable): AsyncGenerator<RowBatch> {
		yield* batches(this.handle.prepare(selectInKeyOrder(table)));
	}

	async close(): Promise<void> {
		if (this.handle.inTransaction) this.handle.exec('COMMIT');
	}
}

type Saved = {type: string; name: string; sql: string};

export class SqliteDestination implements CopyDestination {
	readonly tables: TableShape[];
	private readonly inserts = new Map<string, Statement>();
	private saved: Saved[] = [];

	private constructor(private readonly file: string, private readonly reserved: ReservedFile, private readonly handle: SqliteHandle, private readonly existing: boolean) {
		this.tables = sqliteTables(handle);
	}

	static open(file: string): SqliteDestination {
		const folder = path.dirname(file);
		if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UserError(`${file}: is a folder; give the copy a file name`);
		if (!fs.existsSync(folder)) fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		const reserved = reserveAtomicFile(file);
		try {
			return new SqliteDestination(file, reserved, openOpsdesk(reserved.temporary), fs.existsSync(file));
		} catch (error) {
			reserved.abort();
			throw error;
		}
	}

	async begin(options: {replace: boolean}): Promise<void> {
		if (this.existing) {
			const held = heldRows(this.file);
			if (held.length > 0 && !options.replace) {
				throw new ConflictError(`${this.file} already holds data (${held.join(', ')}); copy into a new or empty database, or add --replace to replace everything in it`);
			}
		}
		const handle = this.handle;
		// A failed copy deletes this file: no journal, no syncing until the end.
		handle.pragma('journal_mode = OFF');
		handle.pragma('synchronous = OFF');
		handle.pragma('foreign_keys = OFF');
		handle.pragma('cache_size = -262144');
		// Indexes are built once after the rows (a sort beats a million B-tree inserts); triggers
		// would count rollup rows that are copied as they are.
		this.saved = handle.prepare<[], Saved>("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name").all();
		for (const {type, name} of this.saved) handle.exec(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} ${quote(name)}`);
		handle.exec('BEGIN');
	}

	async write(table: CopyTable, batch: RowBatch): Promise<void> {
		let insert = this.inserts.get(table.name);
		if (!insert) {
			insert = this.handle.prepare(`INSERT INTO ${quote(table.name)} (${table.columns.map(quote).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`);
			this.inserts.set(table.name, insert);
		}
		for (const row of batch) insert.run(row);
	}

	async finish(): Promise<void> {
		const handle = this.handle;
		for (const {sql} of this.saved.filter(saved => saved.type === 'index')) handle.exec(sql);
		rebuildCustomerSearch(handle);
		for (const {sql} of this.saved.filter(saved => saved.type === 'trigger')) handle.exec(sql);
		handle.exec('COMMIT');
		const broken = handle.prepare<[], {table: string; parent: string}>('PRAGMA foreign_key_check').all();
		if (broken.length > 0) throw new UserError(`the copy breaks ${broken.length} references (first: a row of ${broken[0]!.table} points at a missing ${broken[0]!.parent}); nothing was written`, 2);
		handle.pragma('foreign_keys = ON');
	}

	async digest(table: CopyTable): Promise<{rows: number; checksum: string}> {
		const digest = new RowDigest();
		for (const batch of batches(this.handle.prepare(selectInKeyOrder(table)))) digest.add(batch);
		return {rows: digest.rows, checksum: digest.finish()};
	}

	async commit(): Promise<void> {
		// One self-contained file: the journal mode every opsdesk sets again on open.
		this.handle.pragma('journal_mode = DELETE');
		this.handle.close();
		if (this.existing) takeOver(this.file);
		this.reserved.commit();
	}

	async abort(): Promise<void> {
		if (this.handle.open) this.handle.close();
		this.reserved.abort();
	}
}

/** The tables of an existing opsdesk file that hold rows, as `customers (12 rows)`. */
function heldRows(file: string): string[] {
	const handle = openOpsdesk(file);
	try {
		return sqliteTables(handle).flatMap(table => {
			const rows = handle.prepare<[], {rows: number}>(`SELECT count(*) AS rows FROM ${quote(table.name)}`).get()!.rows;
			return rows > 0 ? [`${table.name}: ${rows} row${rows === 1 ? '' : 's'}`] : [];
		});
	} finally {
		handle.close();
	}
}

/**
 * Before the new file replaces an existing one: nobody may have the old one open (they would
 * go on writing to a file no longer there), and its write-ahead log must go with it (SQLite
 * would apply it to the new file). Leaving WAL mode needs the only connection, so it is both.
 */
function takeOver(file: string): void {
	const handle = openOpsdesk(file);
	try {
		const mode = handle.pragma('journal_mode = DELETE', {simple: true});
		if (mode !== 'delete') throw new DatabaseUnavailable(`${file} is open in another opsdesk (the desk, a worker, a command); close it there and copy again. Nothing was replaced`, 'locked');
	} finally {
		handle.close();
	}
}

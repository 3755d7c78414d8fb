import type {Database as SqliteHandle} from 'better-sqlite3';
import {Kysely, type Transaction} from 'kysely';
import type {Migration} from './migrate.js';
import type {UserError} from './errors.js';
import type {Tables} from './tables.js';
import type {DatabaseTarget, Engine} from './target.js';
import {openDatabase, defaultBusyTimeoutMs} from './open.js';
import {OpsdeskSqliteDialect} from './sqlite/kysely-driver.js';
import {SqliteChanges} from './sqlite/changes.js';
import {databaseTrouble} from './database-trouble.js';

/**
 * The one async data layer under customers, orders, reports and the robot queue, on SQLite or
 * PostgreSQL. Feature code takes a `Db` and queries through `db` (Kysely: typed builder for
 * plain reads and writes, the `sql` tag for the rest); what must differ by engine is chosen
 * by `engine` in one file per feature and engine (search, queue leasing) or here (opening,
 * transactions, change notification).
 */
export type Db = {
	readonly engine: Engine;
	readonly db: Kysely<Tables>;
	/**
	 * Runs `work` in one write transaction and resolves to its result: on SQLite BEGIN IMMEDIATE
	 * (writers queue for the lock up front, waiting up to `--wait`), on PostgreSQL READ COMMITTED
	 * with row locks. Called on a Db that is already a transaction, it runs inside that one.
	 */
	write<T>(work: (tx: Db) => Promise<T>): Promise<T>;
	/**
	 * Runs `work` in one read-only transaction: every query sees the same snapshot while others
	 * write (a report, an export, a dry-run import). On SQLite a deferred BEGIN (no write lock),
	 * on PostgreSQL REPEATABLE READ READ ONLY. Inside a transaction, it runs inside that one.
	 */
	read<T>(work: (tx: Db) => Promise<T>): Promise<T>;
	/**
	 * SQLite only: the file's raw handle, for SQLite's own speed tricks (the bulk loader, FTS5,
	 * pragmas), used only in their SQLite files. Inside a transaction it is the same connection, already in it.
	 */
	readonly sqlite?: SqliteHandle;
	/** Whether this Db is a transaction (writes and reads join it). */
	readonly inTransaction?: boolean;
};

export type Store = Db & {
	readonly target: DatabaseTarget;
	/** PostgreSQL only: the pool, for COPY and LISTEN. */
	readonly pool?: import('pg').Pool;
	/** Calls `listener` when data may have changed, here or in another process or host. */
	onChange(listener: () => void): () => void;
	/** The DatabaseUnavailable (exit 5) an error means, or undefined. */
	trouble(error: unknown): UserError | undefined;
	close(): Promise<void>;
};

export type StoreOptions = {
	migrations: readonly Migration[];
	readonly?: boolean;
	/** How long a write waits for another writer (`--wait`); 5 s unless said otherwise. */
	busyTimeoutMs?: number;
	/** How often SQLite checks for other processes' commits; 0 turns it off (one-shot commands). */
	changePollMs?: number;
	/** PostgreSQL connections this process may hold. */
	connections?: number;
};

export function transactionDb(engine: Engine, transaction: Transaction<Tables>, sqlite?: SqliteHandle): Db {
	const db: Db = {engine, db: transaction, write: work => work(db), read: work => work(db), sqlite, inTransaction: true};
	return db;
}

export async function openStore(target: DatabaseTarget, options: StoreOptions): Promise<Store> {
	if (target.engine === 'sqlite') return openSqliteStore(target, options);
	// node-postgres loads only when a run uses PostgreSQL.
	const {openPostgresStore} = await import('./postgres/store.js');
	return openPostgresStore(target, options);
}

/** SQLite opens without waiting on anything: for callers that must stay synchronous. */
export function openSqliteStore(target: DatabaseTarget & {engine: 'sqlite'}, options: StoreOptions): Store {
	const handle = openDatabase(target.file, {migrations: options.migrations, readonly: options.readonly, busyTimeoutMs: options.busyTimeoutMs});
	return sqliteStoreOver(handle, target, {changePollMs: options.changePollMs ?? 500, busyTimeoutMs: options.busyTimeoutMs, ownsHandle: true});
}

/**
 * A store over an open SQLite handle. `ownsHandle`: closing the store closes the handle (a
 * store opened here); otherwise the handle stays with whoever opened it (screen tests).
 */
export function sqliteStoreOver(handle: SqliteHandle, target: DatabaseTarget & {engine: 'sqlite'}, options: {changePollMs: number; busyTimeoutMs?: number; ownsHandle: boolean}): Store {
	const db = new Kysely<Tables>({dialect: new OpsdeskSqliteDialect(handle)});
	const changes = new SqliteChanges(handle, options.changePollMs);
	const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
	return {
		engine: 'sqlite',
		target,
		db,
		sqlite: handle,
		async write(work) {
			const result = await db.transaction().execute(transaction => work(transactionDb('sqlite', transaction, handle)));
			// data_version moves only for other connections' commits: tell this process's listeners.
			changes.emit();
			return result;
		},
		// The driver begins a read-only transaction with a deferred BEGIN: it takes no write lock.
		read: work => db.transaction().setAccessMode('read only').execute(transaction => work(transactionDb('sqlite', transaction, handle))),
		onChange: listener => changes.subscribe(listener),
		trouble: error => databaseTrouble(error, target.file, busyTimeoutMs),
		async close() {
			changes.close();
			if (!options.ownsHandle) return;
			await db.destroy();
			if (handle.open) handle.close();
		},
	};
}

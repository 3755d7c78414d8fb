import type {Database as SqliteHandle} from 'better-sqlite3';
import {Kysely} from 'kysely';
import type {Db, Store} from '../store/store.js';
import {transactionDb} from '../store/store.js';
import {OpsdeskSqliteDialect} from '../store/sqlite/kysely-driver.js';
import type {Tables} from '../store/tables.js';
import {DbJobQueue} from './job-queue.js';
import type {JobQueue, QueueOptions} from './queue.js';
import {PostgresQueueEngine} from './queue-postgres.js';
import {SqliteQueueEngine} from './queue-sqlite.js';

const sqliteDbs = new WeakMap<SqliteHandle, Db>();

/** A Db over a bare SQLite handle, one per handle, for callers not yet given a store. */
function sqliteDb(handle: SqliteHandle): Db {
	let db = sqliteDbs.get(handle);
	if (!db) {
		const kysely = new Kysely<Tables>({dialect: new OpsdeskSqliteDialect(handle)});
		const run = <T>(work: (tx: Db) => Promise<T>) => kysely.transaction().execute(transaction => work(transactionDb('sqlite', transaction, handle)));
		db = {engine: 'sqlite', db: kysely, write: run, read: run, sqlite: handle};
		sqliteDbs.set(handle, db);
	}
	return db;
}

function isSqliteHandle(db: Db | Store | SqliteHandle): db is SqliteHandle {
	return typeof (db as SqliteHandle).prepare === 'function';
}

/**
 * The one place that picks the queue's engine: everything that reads or writes jobs (commands,
 * workers, the desk) gets a JobQueue from here. Given a store, idle workers on PostgreSQL are
 * woken by NOTIFY over a connection of their own; close the queue when done.
 */
export function openJobQueue(db: Db | Store | SqliteHandle, options: QueueOptions = {}): JobQueue {
	if (isSqliteHandle(db)) return new DbJobQueue(sqliteDb(db), new SqliteQueueEngine(), options);
	const store = db as Partial<Store>;
	if (db.engine === 'sqlite') return new DbJobQueue(db, new SqliteQueueEngine(), options);
	const url = store.target?.engine === 'postgres' ? store.target.url : undefined;
	return new DbJobQueue(db, new PostgresQueueEngine(url), options);
}

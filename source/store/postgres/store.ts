import {Kysely, PostgresDialect} from 'kysely';
import Cursor from 'pg-cursor';
import type {DatabaseTarget} from '../target.js';
import type {Tables} from '../tables.js';
import {defaultBusyTimeoutMs} from '../open.js';
import {transactionDb, type Store, type StoreOptions} from '../store.js';
import {createPool} from './pool.js';
import {migratePostgres} from './migrate.js';
import {PostgresChanges} from './changes.js';
import {postgresTrouble} from './trouble.js';

/** The store on PostgreSQL (see source/store/store.ts): a pool, migrations under a lock, LISTEN for changes. */
export async function openPostgresStore(target: DatabaseTarget & {engine: 'postgres'}, options: StoreOptions): Promise<Store> {
	const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
	const pool = createPool(target.url, {max: options.connections, lockTimeoutMs: busyTimeoutMs});
	try {
		if (!options.readonly) await migratePostgres(pool, options.migrations, target.shown);
	} catch (error) {
		await pool.end().catch(() => {});
		throw postgresTrouble(error, target.shown, busyTimeoutMs) ?? error;
	}
	const db = new Kysely<Tables>({dialect: new PostgresDialect({pool, cursor: Cursor})});
	const changes = new PostgresChanges({connectionString: target.url, application_name: 'opsdesk listener'});
	return {
		engine: 'postgres',
		target,
		db,
		pool,
		async write(work) {
			return db.transaction().execute(transaction => work(transactionDb('postgres', transaction)));
		},
		async read(work) {
			return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
				.execute(transaction => work(transactionDb('postgres', transaction)));
		},
		onChange: listener => changes.subscribe(() => listener()),
		trouble: error => postgresTrouble(error, target.shown, busyTimeoutMs),
		async close() {
			await changes.close();
			await db.destroy();
		},
	};
}

import {randomBytes} from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import {afterEach, inject} from 'vitest';
import {migrations} from '../../source/migrations.js';
import {openStore, type Store} from '../../source/store/store.js';
import {databaseTarget, type Engine} from '../../source/store/target.js';
import {tempFolder} from './temp-db.js';

/**
 * The engines a parameterised test runs on: SQLite always, PostgreSQL when the run has a server
 * (test/support/postgres-global.ts; under CI it always has). Use with `describe.each(engines)`.
 */
export const engines: Engine[] = inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];

const stores: Store[] = [];
const databases: string[] = [];

afterEach(async () => {
	for (const store of stores.splice(0)) await store.close();
	const names = databases.splice(0);
	if (names.length === 0) return;
	const admin = new pg.Client({connectionString: inject('postgresUrl')});
	await admin.connect();
	try {
		for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	} finally {
		await admin.end();
	}
});

/** A fresh, empty, migrated PostgreSQL database for this test, dropped after it. */
export async function tempPostgresUrl(): Promise<string> {
	const server = inject('postgresUrl');
	if (!server) throw new Error('no PostgreSQL server in this test run');
	const name = `opsdesk_t${process.pid}_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({connectionString: server});
	await admin.connect();
	try {
		// FILE_COPY copies the template's few files in ~25 ms; the default WAL_LOG took ~230 ms a test.
		await admin.query(`CREATE DATABASE ${name} TEMPLATE opsdesk_template STRATEGY FILE_COPY`);
	} finally {
		await admin.end();
	}
	databases.push(name);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return url.toString();
}

/** What `--db` takes for a fresh database on `engine`: a file in a temp folder, or a URL. */
export async function tempDatabaseTarget(engine: Engine): Promise<string> {
	return engine === 'sqlite' ? path.join(tempFolder(), 'opsdesk.db') : tempPostgresUrl();
}

/** A fresh, migrated store on `engine`, closed after the test. */
export async function tempStore(engine: Engine): Promise<Store> {
	const store = await openStore(databaseTarget(await tempDatabaseTarget(engine)), {migrations, changePollMs: 50});
	stores.push(store);
	return store;
}

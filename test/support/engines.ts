import {randomBytes} from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import {inject} from 'vitest';
import {migrations} from '../../source/migrations.js';
import {openStore, type Store} from '../../source/store/store.js';
import {databaseTarget, type Engine} from '../../source/store/target.js';
import {afterTest} from './after-test.js';
import {tempFolder} from './temp-db.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The engines this suite runs parameterised tests on (vitest.config.ts). */
		engines: Engine[];
	}
}

/**
 * The engines a parameterised test runs on, in this suite (vitest.config.ts: SQLite in the
 * quick suite, PostgreSQL in the postgres one, both in the long one); PostgreSQL only when the
 * run has a server (test/support/postgres-global.ts; under CI it always has). Use with
 * `describe.each(engines)`.
 */
export const engines: Engine[] = inject('engines').filter(engine => engine === 'sqlite' || inject('postgresUrl'));

async function dropDatabase(name: string): Promise<void> {
	const admin = new pg.Client({connectionString: inject('postgresUrl')});
	await admin.connect();
	try {
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	} finally {
		await admin.end();
	}
}

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
	afterTest(() => dropDatabase(name));
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
	afterTest(() => store.close());
	return store;
}

/** A PostgreSQL database for this test with nothing in it, not even opsdesk's schema: a restore's target, or an old database to upgrade. */
export async function emptyPostgresUrl(): Promise<string> {
	const url = await tempPostgresUrl();
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	try {
		await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
	} finally {
		await admin.end();
	}
	return url;
}

/** What `--db` takes for a database on `engine` with nothing in it, not even the schema: for a test that migrates it only partway. */
export async function emptyDatabaseTarget(engine: Engine): Promise<string> {
	return engine === 'sqlite' ? path.join(tempFolder(), 'old.db') : emptyPostgresUrl();
}

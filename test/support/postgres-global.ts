import pg from 'pg';
import type {TestProject} from 'vitest/node';
import {migrations} from '../../source/migrations.js';
import {migratePostgres} from '../../source/store/postgres/migrate.js';
import {createPool} from '../../source/store/postgres/pool.js';
import {postgresBinaries, startPostgres, type PostgresServer} from './postgres-server.js';
import {inCi} from './requires.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A server with an `opsdesk_template` database migrated to this build's schema; '' when none. */
		postgresUrl: string;
	}
}

/**
 * Vitest global setup: one PostgreSQL server for the whole run (OPSDESK_TEST_POSTGRES_URL names
 * an existing one instead), with a migrated template database that each test clones.
 */
export default async function setup(project: TestProject): Promise<() => void> {
	let server: PostgresServer | undefined;
	let url = process.env.OPSDESK_TEST_POSTGRES_URL ?? '';
	if (!url) {
		const bin = postgresBinaries();
		if (!bin) {
			const message = 'missing PostgreSQL (initdb, pg_ctl): install with `apt-get install postgresql`';
			if (inCi()) throw new Error(`CI must run every test, but ${message}`);
			console.warn(`skipping the PostgreSQL runs: ${message}`);
			project.provide('postgresUrl', '');
			return () => {};
		}
		server = await startPostgres(bin);
		url = server.url;
	}
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	await admin.query('DROP DATABASE IF EXISTS opsdesk_template WITH (FORCE)');
	await admin.query('CREATE DATABASE opsdesk_template');
	await admin.end();
	const templateUrl = new URL(url);
	templateUrl.pathname = '/opsdesk_template';
	const pool = createPool(templateUrl.toString());
	await migratePostgres(pool, migrations, 'template');
	await pool.end();
	project.provide('postgresUrl', url);
	return () => server?.stop();
}

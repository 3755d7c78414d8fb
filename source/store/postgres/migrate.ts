import type pg from 'pg';
import {UserError} from '../errors.js';
import type {Migration} from '../migrate.js';
import {installChangeNotices} from './changes.js';

/**
 * Applies the missing migrations to a PostgreSQL database in one transaction (PostgreSQL's DDL
 * is transactional), under an advisory lock so that several hosts starting at once migrate
 * once. A database from a newer opsdesk is refused before anything is written.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[], shown: string): Promise<void> {
	const latest = migrations.at(-1)?.version ?? 0;
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query("SELECT pg_advisory_xact_lock(hashtext('opsdesk migrate'))");
		await client.query('CREATE TABLE IF NOT EXISTS opsdesk_schema (version integer NOT NULL)');
		const found = await client.query<{version: number}>('SELECT version FROM opsdesk_schema');
		const current = found.rows[0]?.version ?? 0;
		if (current > latest) {
			throw new UserError(`${shown}: database schema version ${current} is newer than this opsdesk knows (${latest}); upgrade opsdesk to open it. Nothing was changed.`);
		}
		if (current === latest) {
			await client.query('COMMIT');
			return;
		}
		for (const migration of migrations) {
			if (migration.version <= current) continue;
			await client.query(migration.postgres);
		}
		await installChangeNotices(client);
		if (found.rows.length === 0) await client.query('INSERT INTO opsdesk_schema (version) VALUES ($1)', [latest]);
		else await client.query('UPDATE opsdesk_schema SET version = $1', [latest]);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
	const found = await pool.query<{version: number}>("SELECT version FROM opsdesk_schema WHERE to_regclass('opsdesk_schema') IS NOT NULL");
	return found.rows[0]?.version ?? 0;
}

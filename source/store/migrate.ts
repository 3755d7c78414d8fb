import type {Database} from 'better-sqlite3';
import {UserError} from './errors.js';

/**
 * One numbered schema step, on both engines: `up` changes an SQLite file, `postgres` is the
 * same step as PostgreSQL SQL. Never edit a released one; add the next number.
 */
export type Migration = {
	version: number;
	name: string;
	up: (db: Database) => void;
	postgres: string;
};

export function schemaVersion(db: Database): number {
	return db.pragma('user_version', {simple: true}) as number;
}

export function refuseNewerSchema(db: Database, migrations: readonly Migration[], file: string): void {
	const latest = migrations.at(-1)?.version ?? 0;
	const current = schemaVersion(db);
	if (current > latest) {
		throw new UserError(
			`${file}: database schema version ${current} is newer than this opsdesk knows (${latest}); upgrade opsdesk to open it. The file was not changed.`,
		);
	}
}

/**
 * Refuses a file written by a newer opsdesk before touching it, then applies each missing
 * migration in its own transaction, so a failure leaves the file at the last good version.
 */
export function migrate(db: Database, migrations: readonly Migration[], file: string): void {
	refuseNewerSchema(db, migrations, file);
	const current = schemaVersion(db);
	for (const migration of migrations) {
		if (migration.version <= current) continue;
		db.transaction(() => {
			migration.up(db);
			db.pragma(`user_version = ${migration.version}`);
		}).immediate();
	}
}

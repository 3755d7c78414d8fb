import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {Database as Db} from 'better-sqlite3';
import {UserError} from './errors.js';
import {migrate, refuseNewerSchema, type Migration} from './migrate.js';

export type OpenOptions = {
	migrations: readonly Migration[];
	readonly?: boolean;
};

/** Several processes (desk, workers, CLI) share the file; writers wait this long for each other. */
const busyTimeoutMs = 5000;

/**
 * Opens (creating if needed) the database with the pragmas every process must agree on.
 * The folder is private (0700) and the file 0600: it holds customer data.
 */
export function openDatabase(file: string, options: OpenOptions): Db {
	const folder = path.dirname(file);
	if (!fs.existsSync(folder)) fs.mkdirSync(folder, {recursive: true, mode: 0o700});
	const existed = fs.existsSync(file);
	if (!existed) fs.closeSync(fs.openSync(file, 'a', 0o600));
	let db: Db;
	try {
		db = new Database(file, {readonly: options.readonly ?? false});
	} catch (error) {
		throw new UserError(`${file}: cannot open database: ${(error as Error).message}`);
	}
	try {
		db.pragma(`busy_timeout = ${busyTimeoutMs}`);
		// Check the file is SQLite, and not from a newer opsdesk, before changing anything in it:
		// even switching the journal mode writes to the file.
		db.pragma('schema_version');
		refuseNewerSchema(db, options.migrations, file);
		if (!options.readonly) db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		// Searches that fall back to the full-text index read thousands of random rows: map the
		// file and keep a larger page cache rather than paying a read() per page.
		db.pragma('mmap_size = 4294967296');
		db.pragma('cache_size = -131072');
		if (!options.readonly) migrate(db, options.migrations, file);
	} catch (error) {
		db.close();
		if (error instanceof UserError) throw error;
		throw new UserError(`${file}: not a usable opsdesk database: ${(error as Error).message}`);
	}
	return db;
}

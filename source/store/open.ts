import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {Database as Db} from 'better-sqlite3';
import {UserError} from './errors.js';
import {describeFileError} from './file-errors.js';
import {DatabaseUnavailable, databaseTrouble} from './database-trouble.js';
import {migrate, refuseNewerSchema, schemaVersion, type Migration} from './migrate.js';

export type OpenOptions = {
	migrations: readonly Migration[];
	readonly?: boolean;
	/** How long a write waits for another process's (`--wait`); 5 s unless said otherwise. */
	busyTimeoutMs?: number;
};

/** Several processes (desk, workers, CLI) share the file; writers wait this long for each other. */
export const defaultBusyTimeoutMs = 5000;

function writable(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/** A new database file (and its folder) private from the first byte; a failure says why in one line. */
function createFile(file: string): void {
	const folder = path.dirname(file);
	try {
		if (!fs.existsSync(folder)) fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		fs.closeSync(fs.openSync(file, 'a', 0o600));
	} catch (error) {
		const reason = describeFileError(error);
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOSPC') throw new DatabaseUnavailable(`${file}: cannot create the database: ${reason}`, 'full');
		if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new DatabaseUnavailable(`${file}: cannot create the database: ${reason}`, 'read-only');
		throw new UserError(`${file}: cannot create the database: ${reason}`);
	}
}

/**
 * Opens (creating if needed) the database with the pragmas every process must agree on.
 * The folder is private (0700) and the file 0600: it holds customer data. A file that
 * cannot be written (permissions, an immutable file) opens read-only, so reading commands
 * still work and writes fail with exit 5.
 */
export function openDatabase(file: string, options: OpenOptions): Db {
	const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
	if (fs.existsSync(file)) {
		const stat = fs.statSync(file);
		if (stat.isDirectory()) throw new UserError(`${file}: is a folder, not a database file`);
		if (!stat.isFile()) throw new UserError(`${file}: is not a regular file (a device, pipe or socket), not a database file`);
	} else if (!options.readonly) {
		createFile(file);
	}
	const readonly = options.readonly === true || !writable(file);
	let db: Db;
	try {
		db = new Database(file, {readonly, fileMustExist: true});
	} catch (error) {
		throw databaseTrouble(error, file, busyTimeoutMs) ?? new UserError(`${file}: cannot open database: ${(error as Error).message}`);
	}
	try {
		return prepare(db, file, readonly, options);
	} catch (error) {
		// Read-only, on a read-only disk or in a folder it may not write: SQLite cannot make the
		// -shm file it reads a WAL database through. With no -wal beside it the file holds
		// everything, and a copy of it in memory answers the reading commands.
		if (!readonly || !snapshotCodes.has((error as {code?: string}).code ?? '')) throw error;
		const snapshot = readOnlySnapshot(file);
		if (!snapshot) throw databaseTrouble(error, file, busyTimeoutMs) ?? error;
		return prepare(snapshot, file, true, options);
	}
}

/** What SQLite says when it cannot make the -shm file beside a WAL database it is to read. */
const snapshotCodes = new Set(['SQLITE_CANTOPEN', 'SQLITE_READONLY_DIRECTORY']);

/**
 * The database file read into memory, read-only, when no -wal file beside it holds changes
 * not yet in it (then undefined). SQLite reads a WAL-mode image only as a rollback-journal one
 * (file format bytes 18-19), which in memory it is.
 */
function readOnlySnapshot(file: string): Db | undefined {
	if ((fs.statSync(`${file}-wal`, {throwIfNoEntry: false})?.size ?? 0) > 0) return undefined;
	const image = fs.readFileSync(file);
	if (image.length >= 20 && image[18] === 2 && image[19] === 2) image.fill(1, 18, 20);
	return new Database(image, {readonly: true});
}

/** Pragmas every process agrees on, the schema checked (and, writable, migrated). */
function prepare(db: Db, file: string, readonly: boolean, options: OpenOptions): Db {
	const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
	try {
		db.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
		// Check the file is SQLite, and not from a newer opsdesk, before changing anything in it:
		// even switching the journal mode writes to the file.
		db.pragma('schema_version');
		refuseNewerSchema(db, options.migrations, file);
		if (!readonly) db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		// Searches that fall back to the full-text index read thousands of random rows: map the
		// file and keep a larger page cache rather than paying a read() per page.
		db.pragma('mmap_size = 4294967296');
		db.pragma('cache_size = -131072');
		if (!readonly) migrate(db, options.migrations, file);
		else refuseOlderSchema(db, options.migrations, file);
	} catch (error) {
		db.close();
		if (error instanceof UserError) throw error;
		// Left as it is for openDatabase, which may read a snapshot instead (readOnlySnapshot).
		if (readonly && !db.memory && snapshotCodes.has((error as {code?: string}).code ?? '')) throw error;
		if ((error as {code?: string}).code === 'SQLITE_NOTADB') {
			throw new UserError(`${file}: not a usable opsdesk database: ${(error as Error).message}`);
		}
		throw databaseTrouble(error, file, busyTimeoutMs) ?? new UserError(`${file}: not a usable opsdesk database: ${(error as Error).message}`);
	}
	return db;
}

/** A read-only file cannot be upgraded; reading it with an older schema would fail midway. */
function refuseOlderSchema(db: Db, migrations: readonly Migration[], file: string): void {
	const latest = migrations.at(-1)?.version ?? 0;
	if (schemaVersion(db) < latest) {
		throw new DatabaseUnavailable(
			`${file}: the database is read-only and was written by an older opsdesk (schema ${schemaVersion(db)}, this one needs ${latest}); make it writable once so it can be upgraded`,
			'read-only',
		);
	}
}

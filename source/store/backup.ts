import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {Database as Db} from 'better-sqlite3';
import {UserError} from './errors.js';
import {reserveAtomicFile} from './atomic-write.js';
import {DatabaseUnavailable, databaseTrouble} from './database-trouble.js';
import {describeFileError} from './file-errors.js';

/** Pages per backup step: all of them, so the copy is one snapshot (see below). */
const everyPage = 0x7fffffff;

/**
 * Copies the database to `target` while the desk and workers keep writing.
 *
 * - One snapshot: SQLite's online backup restarts whenever another connection writes
 *   between two steps, which under steady writes is forever; copying every page in one
 *   step reads them all under one read transaction, and WAL lets writers go on meanwhile.
 * - Trusted: the copy is checked with `PRAGMA integrity_check` before it takes the
 *   target's name. Pages are copied as they are, so a damaged database gives a damaged
 *   copy, which is refused (exit 5) and removed.
 * - Private and whole: written 0600 from the first byte under a temporary name beside the
 *   target, renamed when complete; a killed backup's leftovers go with the next write there.
 */
export async function backupDatabase(db: Db, target: string, options: {busyTimeoutMs: number; file?: string}): Promise<{pages: number; bytes: number}> {
	const destination = path.resolve(target);
	// A database read from a read-only place is a copy in memory (open.ts): its file is the one named.
	const name = db.memory && options.file ? options.file : db.name;
	const source = fs.realpathSync(name);
	const real = fs.existsSync(destination) ? fs.realpathSync(destination) : destination;
	if ([source, `${source}-wal`, `${source}-shm`].includes(real) || path.resolve(name) === destination) {
		throw new UserError(`${target}: backup would overwrite the live database`);
	}
	const folder = path.dirname(destination);
	if (!fs.existsSync(folder)) throw new UserError(`${target}: folder ${folder} does not exist`);
	if (fs.existsSync(destination) && fs.statSync(destination).isDirectory()) {
		throw new UserError(`${target}: is a folder; give the backup a file name, e.g. ${path.join(target, path.basename(source))}`);
	}
	const file = reserveAtomicFile(destination);
	try {
		// SQLite answers "busy" to a step that cannot read, and better-sqlite3 then retries at
		// once, forever: give up after the wait allowed, like any other lock.
		const deadline = Date.now() + options.busyTimeoutMs;
		const {totalPages} = await db.backup(file.temporary, {
			progress: () => {
				if (Date.now() > deadline) throw Object.assign(new Error('the backup could not read the database'), {code: 'SQLITE_BUSY'});
				return everyPage;
			},
		});
		checkCopy(file.temporary, name, options.busyTimeoutMs);
		file.commit();
		return {pages: totalPages, bytes: fs.statSync(destination).size};
	} catch (error) {
		file.abort();
		if (error instanceof UserError) throw error;
		// A full disk or a failing write is about the copy; a lock or damage about the database.
		const copyTrouble = databaseTrouble(error, destination, options.busyTimeoutMs);
		if (copyTrouble && (copyTrouble.reason === 'full' || copyTrouble.reason === 'io')) {
			throw new DatabaseUnavailable(`no backup was written: ${copyTrouble.message}`, copyTrouble.reason);
		}
		const trouble = databaseTrouble(error, name, options.busyTimeoutMs);
		if (trouble) throw trouble;
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code === 'string' && !code.startsWith('SQLITE_')) throw new UserError(`${target}: backup failed: ${describeFileError(error)}`);
		throw error;
	}
}

/**
 * Makes the copy a single self-contained file (no WAL beside it) and checks every page.
 * A copy that fails the check means the live database is damaged.
 */
function checkCopy(copy: string, source: string, busyTimeoutMs: number): void {
	const check = new Database(copy, {fileMustExist: true});
	let problems: string[];
	try {
		check.pragma('journal_mode = DELETE');
		problems = (check.pragma('integrity_check') as Array<{integrity_check: string}>).map(row => row.integrity_check);
	} catch (error) {
		const trouble = databaseTrouble(error, source, busyTimeoutMs);
		if (trouble?.reason === 'corrupt') throw corrupt(source, (error as Error).message);
		throw error;
	} finally {
		check.close();
	}
	if (problems.length !== 1 || problems[0] !== 'ok') throw corrupt(source, problems[0] ?? 'no answer');
}

function corrupt(source: string, firstProblem: string): DatabaseUnavailable {
	return new DatabaseUnavailable(
		`${source}: the database is damaged (the copy failed PRAGMA integrity_check: ${firstProblem}); no backup was written. Keep your last good backup; rescue what is readable with: sqlite3 ${source} .recover`,
		'corrupt',
	);
}

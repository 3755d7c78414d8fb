import fs from 'node:fs';
import path from 'node:path';
import {UserError, exitCodes} from './errors.js';

/**
 * SQLite's answers that mean "the database can't do this now" rather than a bug: another
 * process holds the lock, the file or disk is read-only or full, the file is damaged.
 * Mapped in this one place to exit code 5 and a sentence saying which and what to do;
 * no crash log, because nothing in opsdesk is wrong.
 */
export class DatabaseUnavailable extends UserError {
	constructor(message: string, readonly reason: 'locked' | 'read-only' | 'full' | 'corrupt' | 'io') {
		super(message, exitCodes.unavailable);
		this.name = 'DatabaseUnavailable';
	}
}

function sqliteCode(error: unknown): string | undefined {
	if (!(error instanceof Error)) return undefined;
	const code = (error as {code?: unknown}).code;
	return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Less room left than SQLite needs for a few pages: the likely cause of a write failing. */
function diskFull(file: string): boolean {
	try {
		const disk = fs.statfsSync(path.dirname(file));
		return disk.bavail * disk.bsize < 1_048_576;
	} catch {
		return false;
	}
}

/** The file-size limit (`ulimit -f`) of this process in bytes, when there is one (Linux). */
function fileSizeLimit(): number | undefined {
	try {
		const line = /^Max file size\s+(\S+)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
		return line && /^\d+$/.test(line[1]!) ? Number(line[1]) : undefined;
	} catch {
		return undefined;
	}
}

function seconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * The DatabaseUnavailable an SQLite error means for `file`, or undefined when it means
 * something else (a constraint, a bug). `waitedMs` is the busy timeout that ran out.
 */
export function databaseTrouble(error: unknown, file: string, waitedMs: number): DatabaseUnavailable | undefined {
	const code = sqliteCode(error);
	if (!code) return undefined;
	const base = code.replace(/^(SQLITE_[A-Z]+)(_.*)?$/, '$1');
	if (code === 'SQLITE_BUSY_SNAPSHOT') {
		return new DatabaseUnavailable(`${file}: another process changed the database while this command was reading it; try again`, 'locked');
	}
	switch (base) {
		case 'SQLITE_BUSY':
		case 'SQLITE_LOCKED':
		case 'SQLITE_PROTOCOL':
			return new DatabaseUnavailable(
				`${file}: the database is locked: another process (the desk, a worker, an import) kept writing for more than ${seconds(waitedMs)}. Try again, or wait longer with --wait SECONDS`,
				'locked',
			);
		case 'SQLITE_READONLY':
			return new DatabaseUnavailable(
				`${file}: the database is read-only (the file, its folder or the disk does not allow writing). Reading commands still work; to change data, make the file and its folder writable`,
				'read-only',
			);
		case 'SQLITE_FULL':
			return new DatabaseUnavailable(`${file}: the disk is full. Free some space and try again`, 'full');
		case 'SQLITE_CORRUPT':
			return new DatabaseUnavailable(
				`${file}: the database file is damaged (corrupt). Stop writing to it; restore your latest copy from opsdesk backup, or rescue what is readable with: sqlite3 ${file} .recover`,
				'corrupt',
			);
		case 'SQLITE_IOERR': {
			// SQLite says "disk I/O error" when a write or the -shm file's growth meets a full
			// disk or the process's file-size limit: name the likely one.
			if (diskFull(file)) return new DatabaseUnavailable(`${file}: the disk is full. Free some space and try again`, 'full');
			const limit = fileSizeLimit();
			if (limit !== undefined) {
				return new DatabaseUnavailable(
					`${file}: cannot grow the file past this process's file-size limit (ulimit -f: ${limit} bytes); raise the limit, then try again`,
					'full',
				);
			}
			return new DatabaseUnavailable(`${file}: the disk reported an input/output error (${code}); check the disk, then try again`, 'io');
		}
		case 'SQLITE_CANTOPEN':
			return new DatabaseUnavailable(
				`${file}: cannot open the database or the -wal and -shm files SQLite keeps beside it: the folder must be writable (on a read-only disk, copy the file somewhere writable)`,
				'read-only',
			);
		default:
			return undefined;
	}
}

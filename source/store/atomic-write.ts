import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {UserError, exitCodes} from './errors.js';
import {describeFileError} from './file-errors.js';

/**
 * Every file opsdesk writes (exports, rejects, reports, backups, screenshots) holds customer
 * data and must appear whole or not at all: it is written beside its target under a temporary
 * name, private (0600) from its first byte, then renamed into place. A process killed midway
 * leaves only a `.NAME.partial-PID-…` file, which the next write to the same folder removes.
 */

// SQLite writes its own `-journal` (and `-wal`, `-shm`) beside a database being written.
const partialPattern = /^\.(.+)\.partial-(\d+)-[0-9a-f]+(-journal|-wal|-shm|-entries-\d+)?$/;

/** Why a write failed, as a UserError: a full disk is exit 5 like any "can't do this now". */
function writeFailure(target: string, error: unknown): UserError {
	const code = (error as NodeJS.ErrnoException).code;
	return new UserError(`${target}: cannot write: ${describeFileError(error)}`, code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' ? exitCodes.unavailable : exitCodes.usage);
}

function temporaryFor(target: string): string {
	return path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes partial files in `folder` left by processes that no longer run. */
export function removeStalePartials(folder: string): void {
	let names: string[];
	try {
		names = fs.readdirSync(folder);
	} catch {
		return;
	}
	for (const name of names) {
		const match = partialPattern.exec(name);
		if (match && Number(match[2]) !== process.pid && !alive(Number(match[2]))) fs.rmSync(path.join(folder, name), {force: true});
	}
}

/** Writes `data` to `target` whole, 0600 (or `mode`); a failure names the file and leaves nothing behind. */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: {mode?: number} = {}): void {
	removeStalePartials(path.dirname(target));
	const temporary = temporaryFor(target);
	try {
		fs.writeFileSync(temporary, data, {mode: options.mode ?? 0o600, flag: 'wx'});
		fs.renameSync(temporary, target);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw writeFailure(target, error);
	}
}

/** A file being written as a stream: `commit` renames it into place, `abort` removes it. */
export type AtomicFile = {
	stream: fs.WriteStream;
	/** The temporary path, for writers that need a file name (e.g. `VACUUM INTO`). */
	temporary: string;
	commit: () => Promise<void>;
	abort: () => void;
};

/** Opens a private temporary file beside `target` for streaming into. */
export async function openAtomicFile(target: string, options: {mode?: number} = {}): Promise<AtomicFile> {
	removeStalePartials(path.dirname(target));
	const temporary = temporaryFor(target);
	const stream = fs.createWriteStream(temporary, {flags: 'wx', mode: options.mode ?? 0o600});
	try {
		await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
	} catch (error) {
		throw writeFailure(target, error);
	}
	return {
		stream,
		temporary,
		async commit() {
			try {
				if (!stream.writableFinished) {
					await new Promise<void>((resolve, reject) => {
						stream.once('error', reject);
						stream.end(() => resolve());
					});
				}
				fs.renameSync(temporary, target);
			} catch (error) {
				fs.rmSync(temporary, {force: true});
				throw writeFailure(target, error);
			}
		},
		abort() {
			stream.destroy();
			fs.rmSync(temporary, {force: true});
		},
	};
}

/** An empty private file beside the target, for writers that need a path (SQLite's backup). */
export type ReservedFile = {
	temporary: string;
	/** Flushes the file to disk and renames it into place. */
	commit: () => void;
	/** Removes it, with any journal SQLite left beside it. */
	abort: () => void;
};

export function reserveAtomicFile(target: string, options: {mode?: number} = {}): ReservedFile {
	removeStalePartials(path.dirname(target));
	const temporary = temporaryFor(target);
	const remove = () => {
		for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${temporary}${suffix}`, {force: true});
	};
	try {
		fs.closeSync(fs.openSync(temporary, 'wx', options.mode ?? 0o600));
	} catch (error) {
		throw writeFailure(target, error);
	}
	return {
		temporary,
		commit() {
			try {
				syncFile(temporary);
				fs.renameSync(temporary, target);
				syncFolder(path.dirname(target));
			} catch (error) {
				remove();
				throw writeFailure(target, error);
			}
		},
		abort: remove,
	};
}

/** Puts a written file's bytes on the disk before it gets its name: a power cut then leaves it whole or absent. */
function syncFile(file: string): void {
	const descriptor = fs.openSync(file, 'r+');
	try {
		fs.fsyncSync(descriptor);
	} finally {
		fs.closeSync(descriptor);
	}
}

/** Makes a rename durable: without it a power cut may bring back the old name. */
function syncFolder(folder: string): void {
	try {
		const descriptor = fs.openSync(folder, 'r');
		try {
			fs.fsyncSync(descriptor);
		} finally {
			fs.closeSync(descriptor);
		}
	} catch {
		// Some file systems cannot sync a folder; the rename itself has happened.
	}
}

/** A file written synchronously piece by piece, for writers inside a SQLite transaction (imports, exports). */
export type AtomicFileSync = {
	temporary: string;
	write: (text: string) => void;
	/** Flushes and renames into place; the file is whole when this returns. */
	commit: () => void;
	/** Removes the temporary file; safe to call more than once, and after commit. */
	abort: () => void;
};

/**
 * Opens a private temporary file beside `target`, synchronously: opening it is also the check
 * that the target can be written (folder exists, writable, not a folder), before any work.
 * Every write goes straight to the file, so a full disk is an error at that write, not later.
 */
export function openAtomicFileSync(target: string, options: {mode?: number} = {}): AtomicFileSync {
	try {
		if (fs.statSync(target).isDirectory()) throw Object.assign(new Error('is a folder'), {code: 'EISDIR'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`${target}: cannot write: ${describeFileError(error)}`);
	}
	removeStalePartials(path.dirname(target));
	const temporary = temporaryFor(target);
	let fd: number | undefined;
	try {
		fd = fs.openSync(temporary, 'wx', options.mode ?? 0o600);
	} catch (error) {
		throw new UserError(`${target}: cannot write: ${describeFileError(error)}`);
	}
	let done = false;
	const close = () => {
		if (fd === undefined) return;
		const open = fd;
		fd = undefined;
		fs.closeSync(open);
	};
	const fail = (error: unknown): never => {
		try {
			close();
		} catch {
			// Already failing: the first error is the one to report.
		}
		fs.rmSync(temporary, {force: true});
		done = true;
		// A full disk is operational trouble (exit 5: try again once there is room), not a usage error.
		throw writeFailure(target, error);
	};
	return {
		temporary,
		write(text) {
			if (fd === undefined) throw new Error(`${target}: written after commit or abort`);
			const bytes = Buffer.from(text);
			try {
				for (let written = 0; written < bytes.length;) written += fs.writeSync(fd, bytes, written);
			} catch (error) {
				fail(error);
			}
		},
		commit() {
			try {
				fs.fsyncSync(fd!);
				close();
				fs.renameSync(temporary, target);
				done = true;
			} catch (error) {
				fail(error);
			}
		},
		abort() {
			if (done) return;
			try {
				close();
			} catch {
				// Nothing more to do: the file is removed below.
			}
			fs.rmSync(temporary, {force: true});
			done = true;
		},
	};
}

/**
 * Creates `target` with `data`, 0600 from its first byte, unless a file is there already: the
 * content is written beside it and linked into place, which fails (EEXIST) when another process
 * created the file first. Resolves to whether this call created it. For files that must never be
 * replaced once made, such as the key that opens the stored secrets.
 */
export function createFileOnce(target: string, data: string | Uint8Array, options: {mode?: number} = {}): boolean {
	removeStalePartials(path.dirname(target));
	const temporary = temporaryFor(target);
	try {
		fs.writeFileSync(temporary, data, {mode: options.mode ?? 0o600, flag: 'wx'});
		syncFile(temporary);
		fs.linkSync(temporary, target);
		syncFolder(path.dirname(target));
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw writeFailure(target, error);
	} finally {
		fs.rmSync(temporary, {force: true});
	}
}

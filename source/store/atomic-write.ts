import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {UserError, exitCodes} from './errors.js';
import {describeFileError} from './file-errors.js';
import {maxLinks} from './same-file.js';

/**
 * Every file opsdesk writes (exports, rejects, reports, backups, screenshots) holds customer
 * data and must appear whole or not at all: it is written beside its target under a temporary
 * name, private (0600) from its first byte, then renamed into place. A process killed midway
 * leaves only a `.NAME.partial-PID-…` file, which the next write to the same folder removes.
 *
 * What is at the target decides where the bytes go (`placeOf`): a symbolic link is followed,
 * so the temporary file goes beside the link's real target and replaces that, keeping the
 * link; a pipe or character device (a FIFO, `/dev/null`, `/dev/stdout` on a pipe or terminal)
 * is written into directly, never replaced; a folder, a block device or a socket is refused.
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

/** Where a write to a target goes: a regular file (new or replaced whole), or a pipe or device written into. */
type Place = {kind: 'file'; path: string} | {kind: 'device'; path: string};

/**
 * Finds where a write to `target` lands. A link is followed to the file it names, also when
 * that file does not exist yet (it is created there, as a shell's `>` would). An existing
 * target that is not a regular file is written into in place; the caller names `target`
 * in every message, never the resolved path.
 */
function placeOf(target: string): Place {
	let stats: fs.Stats | undefined;
	try {
		stats = fs.statSync(target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailure(target, error);
	}
	if (!stats) return {kind: 'file', path: danglingEnd(target)};
	if (stats.isDirectory()) throw writeFailure(target, Object.assign(new Error('is a folder'), {code: 'EISDIR'}));
	if (stats.isFile()) {
		try {
			return {kind: 'file', path: fs.realpathSync(target)};
		} catch (error) {
			throw writeFailure(target, error);
		}
	}
	if (stats.isFIFO() || stats.isCharacterDevice()) return {kind: 'device', path: target};
	throw new UserError(`${target}: cannot write: ${stats.isBlockDevice() ? 'a block device' : 'a socket'}, not a file, pipe or terminal`, exitCodes.usage);
}

/** The path a missing target really names: through a chain of links to one that does not exist yet. */
function danglingEnd(target: string): string {
	let current = path.resolve(target);
	for (let hops = 0; hops < maxLinks; hops++) {
		let link: string;
		try {
			link = fs.readlinkSync(current);
		} catch {
			// Not a link (absent, or its folder is missing): this is the file to create.
			return current;
		}
		current = path.resolve(realFolder(current), link);
	}
	throw writeFailure(target, Object.assign(new Error('too many symbolic links'), {code: 'ELOOP'}));
}

function realFolder(file: string): string {
	try {
		return fs.realpathSync(path.dirname(file));
	} catch {
		return path.dirname(file);
	}
}

/**
 * Opens a pipe or device for writing, in place: no temporary file and no rename (a pipe or a
 * device cannot be replaced atomically, so what is written there is not all-or-nothing, and
 * `/dev/null` must stay `/dev/null`), no chmod (its mode is not ours), no `O_CREAT`/`O_TRUNC`
 * (it exists; there is nothing to truncate). Opening a FIFO waits for a reader, as a shell's
 * `>` does. A path swapped for a regular file since it was looked at is refused, not
 * overwritten in place.
 */
function openDeviceSync(target: string, device: string): number {
	let descriptor: number;
	try {
		descriptor = fs.openSync(device, deviceFlags);
	} catch (error) {
		throw writeFailure(target, error);
	}
	return checkedDevice(target, descriptor);
}

async function openDevice(target: string, device: string): Promise<number> {
	let descriptor: number;
	try {
		// On the thread pool: a FIFO without a reader blocks this open, not the process.
		descriptor = await new Promise<number>((resolve, reject) => fs.open(device, deviceFlags, (error, fd) => (error ? reject(error) : resolve(fd))));
	} catch (error) {
		throw writeFailure(target, error);
	}
	return checkedDevice(target, descriptor);
}

function checkedDevice(target: string, descriptor: number): number {
	if (fs.fstatSync(descriptor).isFile()) {
		fs.closeSync(descriptor);
		throw new UserError(`${target}: cannot write: it changed while being opened; try again`, exitCodes.usage);
	}
	return descriptor;
}

const deviceFlags = fs.constants.O_WRONLY | fs.constants.O_NOCTTY;

function writeAll(descriptor: number, data: string | Uint8Array): void {
	const bytes = typeof data === 'string' ? Buffer.from(data) : data;
	for (let written = 0; written < bytes.length;) written += fs.writeSync(descriptor, bytes, written);
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
	const place = placeOf(target);
	if (place.kind === 'device') {
		const descriptor = openDeviceSync(target, place.path);
		try {
			writeAll(descriptor, data);
		} catch (error) {
			throw writeFailure(target, error);
		} finally {
			fs.closeSync(descriptor);
		}
		return;
	}
	removeStalePartials(path.dirname(place.path));
	const temporary = temporaryFor(place.path);
	try {
		fs.writeFileSync(temporary, data, {mode: options.mode ?? 0o600, flag: 'wx'});
		fs.renameSync(temporary, place.path);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw writeFailure(target, error);
	}
}

/** A file being written as a stream: `commit` renames it into place, `abort` removes it. */
export type AtomicFile = {
	stream: fs.WriteStream;
	/** The temporary path, for writers that need a file name (e.g. `VACUUM INTO`); the target itself for a pipe or device. */
	temporary: string;
	commit: () => Promise<void>;
	abort: () => void;
};

/** Opens a private temporary file beside `target` for streaming into (or, for a pipe or device, the target itself). */
export async function openAtomicFile(target: string, options: {mode?: number} = {}): Promise<AtomicFile> {
	const place = placeOf(target);
	const device = place.kind === 'device';
	let stream: fs.WriteStream;
	let temporary: string;
	if (device) {
		temporary = place.path;
		stream = fs.createWriteStream(place.path, {fd: await openDevice(target, place.path)});
	} else {
		removeStalePartials(path.dirname(place.path));
		temporary = temporaryFor(place.path);
		stream = fs.createWriteStream(temporary, {flags: 'wx', mode: options.mode ?? 0o600});
		try {
			await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
		} catch (error) {
			throw writeFailure(target, error);
		}
	}
	// A failed write (a full disk, a reader that left) destroys the stream and emits 'error' a
	// moment later, often before anyone listens: keep it for commit, which must not put a
	// short file in place, rather than let it end the process.
	let failure: Error | undefined;
	stream.on('error', error => {
		failure ??= error;
	});
	return {
		stream,
		temporary,
		async commit() {
			try {
				if (!failure && !stream.writableFinished) {
					await new Promise<void>(resolve => {
						stream.once('close', () => resolve());
						stream.end(() => resolve());
					});
				}
				const error = failure ?? stream.errored;
				if (error) throw error;
				if (!device) fs.renameSync(temporary, place.path);
			} catch (error) {
				if (!device) fs.rmSync(temporary, {force: true});
				throw writeFailure(target, error);
			}
		},
		abort() {
			stream.destroy();
			if (!device) fs.rmSync(temporary, {force: true});
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

/**
 * Writers that need a path (SQLite, pg_dump) seek and rewrite: they need a real file, so a
 * pipe or device as target is refused (nothing is written there). A link is followed.
 */
export function reserveAtomicFile(target: string, options: {mode?: number} = {}): ReservedFile {
	const place = placeOf(target);
	if (place.kind === 'device') throw new UserError(`${target}: cannot write: a pipe or device; this needs a regular file (it is written beside it and renamed into place)`, exitCodes.usage);
	const destination = place.path;
	removeStalePartials(path.dirname(destination));
	const temporary = temporaryFor(destination);
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
				fs.renameSync(temporary, destination);
				syncFolder(path.dirname(destination));
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
	/** The temporary file; the target itself for a pipe or device. */
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
 * A pipe or device is written into directly (see openDeviceSync): what was written before a
 * failure or an abort has been read already and cannot be taken back.
 */
export function openAtomicFileSync(target: string, options: {mode?: number} = {}): AtomicFileSync {
	const place = placeOf(target);
	const device = place.kind === 'device';
	let temporary: string;
	let fd: number | undefined;
	if (device) {
		temporary = place.path;
		fd = openDeviceSync(target, place.path);
	} else {
		removeStalePartials(path.dirname(place.path));
		temporary = temporaryFor(place.path);
		try {
			fd = fs.openSync(temporary, 'wx', options.mode ?? 0o600);
		} catch (error) {
			throw new UserError(`${target}: cannot write: ${describeFileError(error)}`);
		}
	}
	let done = false;
	const close = () => {
		if (fd === undefined) return;
		const open = fd;
		fd = undefined;
		fs.closeSync(open);
	};
	const remove = () => {
		if (!device) fs.rmSync(temporary, {force: true});
	};
	const fail = (error: unknown): never => {
		try {
			close();
		} catch {
			// Already failing: the first error is the one to report.
		}
		remove();
		done = true;
		// A full disk is operational trouble (exit 5: try again once there is room), not a usage error.
		throw writeFailure(target, error);
	};
	return {
		temporary,
		write(text) {
			if (fd === undefined) throw new Error(`${target}: written after commit or abort`);
			try {
				writeAll(fd, text);
			} catch (error) {
				fail(error);
			}
		},
		commit() {
			try {
				// A pipe or terminal cannot be synced (EINVAL), and has nothing to rename.
				if (!device) fs.fsyncSync(fd!);
				close();
				if (!device) fs.renameSync(temporary, place.path);
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
			remove();
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

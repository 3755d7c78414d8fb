import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether two paths name one file, seen through links, hard links and spellings (`./a.db`,
 * `x/../a.db`), also for a file not created yet: what keeps an export, a rejects file or a
 * backup from replacing the database in use, or the file being imported.
 */

/** Links followed before a path counts as a loop (as the kernel's ELOOP). */
export const maxLinks = 40;

/** A reading of `file` that sees through links and spellings (`./a.db`, `x/../a.db`), also when it does not exist yet. */
function canonical(file: string, hops = 0): string {
	const absolute = path.resolve(file);
	try {
		return fs.realpathSync(absolute);
	} catch {
		// Absent, a dangling link, or a link realpath cannot follow (`/dev/stdout` on a pipe).
	}
	const folder = path.dirname(absolute);
	const joined = folder === absolute ? absolute : path.join(canonical(folder, hops + 1), path.basename(absolute));
	if (hops >= maxLinks) return joined;
	let link: string;
	try {
		link = fs.readlinkSync(joined);
	} catch {
		return joined;
	}
	return canonical(path.resolve(path.dirname(joined), link), hops + 1);
}

/**
 * Whether `a` and `b` are one regular file (the same inode: hard links too), or would be once
 * created (the same canonical path). A pipe or terminal is the same only under the same name:
 * reading `/dev/stdin` and writing `/dev/stdout` on one terminal do not clash.
 */
export function sameFile(a: string, b: string): boolean {
	const first = statOrUndefined(a);
	const second = statOrUndefined(b);
	if (first && second) {
		if (first.isFile() && second.isFile()) return first.dev === second.dev && first.ino === second.ino;
		return path.resolve(a) === path.resolve(b);
	}
	// One of them does not exist (yet): compare where they point.
	return canonical(a) === canonical(b);
}

function statOrUndefined(file: string): fs.Stats | undefined {
	try {
		return fs.statSync(file);
	} catch {
		return undefined;
	}
}

/**
 * Whether writing `target` would replace the SQLite database `database` or one of the files
 * SQLite keeps beside it (`-wal`, `-shm`, `-journal`; a stray one would be read as the
 * database's own the next time it opens).
 */
export function wouldOverwriteDatabase(target: string, database: string): boolean {
	const real = canonical(target);
	const base = canonical(database);
	return ['', '-wal', '-shm', '-journal'].some(suffix => sameFile(target, `${database}${suffix}`) || real === `${base}${suffix}`);
}

import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import {writeFileAtomic} from './store/atomic-write.js';
import {redactPasswords} from './store/target.js';

/**
 * Writes an unexpected error with its stack to a log file and returns the path, so the
 * user sees one calm line and a developer still gets the whole story. The log may hold
 * customer data from the command line: it is private (0600) in a private folder.
 */
export function reportCrash(error: unknown, argv: readonly string[] = process.argv.slice(2)): string {
	const folder = path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'opsdesk');
	const name = `crash-${new Date().toISOString().replaceAll(':', '-')}-${process.pid}.log`;
	// A PostgreSQL URL on the command line (or quoted by an error) may hold a password: never written down.
	const text = redactPasswords(`opsdesk ${argv.join(' ')}\n${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	for (const place of [folder, os.tmpdir()]) {
		try {
			fs.mkdirSync(place, {recursive: true, mode: 0o700});
			writeFileAtomic(path.join(place, name), text);
			return path.join(place, name);
		} catch {
			// Try the next place: a crash must still end with one line naming a file.
		}
	}
	return '(no crash log: neither the state folder nor the temp folder could be written)';
}

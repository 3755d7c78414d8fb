import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Writes an unexpected error with its stack to a log file and returns the path, so the
 * user sees one calm line and a developer still gets the whole story.
 */
export function reportCrash(error: unknown): string {
	const folder = path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'opsdesk');
	const file = path.join(folder, `crash-${new Date().toISOString().replaceAll(':', '-')}-${process.pid}.log`);
	const text = error instanceof Error ? `${error.stack ?? error.message}\n` : `${String(error)}\n`;
	try {
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		fs.writeFileSync(file, `opsdesk ${process.argv.slice(2).join(' ')}\n${text}`, {mode: 0o600});
		return file;
	} catch {
		const fallback = path.join(os.tmpdir(), path.basename(file));
		fs.writeFileSync(fallback, text, {mode: 0o600});
		return fallback;
	}
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {DatabaseTarget} from '../store/target.js';

/**
 * Commands that may start a new SQLite database: they add data (or wait for it, a worker),
 * and a first run on a new machine begins with one of them.
 */
const creators = new Set([
	'seed', 'import customers', 'import orders', 'customers add', 'segments add', 'schedules add', 'triggers add',
	'secrets set', 'worker', 'copy-database',
]);

/**
 * Any other command, and every dry run, on a file that does not exist runs on an empty
 * database in a temporary folder instead, removed afterwards: it answers as for a new
 * database ("no customers match", "no customer #5") but leaves no empty database, and no
 * folders, at what is most likely a mistyped `--db`. A dry run changes nothing, not even that.
 */
export function missingDatabaseStandIn(command: string, flags: Record<string, unknown>, target: DatabaseTarget): {target: DatabaseTarget; remove: () => void} | undefined {
	if (target.engine !== 'sqlite' || fs.existsSync(target.file)) return undefined;
	if (creators.has(command) && flags.dryRun !== true) return undefined;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-empty-'));
	return {
		target: {...target, file: path.join(folder, 'opsdesk.db')},
		remove: () => fs.rmSync(folder, {recursive: true, force: true}),
	};
}

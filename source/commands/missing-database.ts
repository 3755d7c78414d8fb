import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {DatabaseTarget} from '../store/target.js';

/**
 * Commands that only read: on a path with no database they have nothing to read, and an
 * empty database is the truthful answer ("no customers match", "no customer #5"). Every
 * command that may write, and any command not listed here, creates the database as before.
 */
const readers = new Set([
	'customers list', 'customers show', 'customers history', 'interactions list', 'orders list', 'orders show',
	'export customers', 'export orders', 'report', 'jobs list', 'jobs show', 'segments list', 'segments show',
	'schedules list', 'schedules show', 'triggers list', 'secrets list', 'merges list', 'duplicates',
]);

/**
 * A command that only reads, or any dry run, on a file that does not exist runs on an empty
 * database in a temporary folder instead, removed afterwards: it answers as for a new
 * database but leaves no empty database, and no folders, at what is most likely a mistyped
 * `--db`. A dry run changes nothing, not even that.
 */
export function missingDatabaseStandIn(command: string, flags: Record<string, unknown>, target: DatabaseTarget): {target: DatabaseTarget; remove: () => void} | undefined {
	if (target.engine !== 'sqlite' || fs.existsSync(target.file)) return undefined;
	if (!readers.has(command) && flags.dryRun !== true) return undefined;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-empty-'));
	return {
		target: {...target, file: path.join(folder, 'opsdesk.db')},
		remove: () => fs.rmSync(folder, {recursive: true, force: true}),
	};
}

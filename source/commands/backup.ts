import fs from 'node:fs';
import {NotFoundError} from '../store/errors.js';
import {backupDatabase} from '../store/backup.js';
import {backupPostgres} from '../store/backup-postgres.js';
import {defaultBusyTimeoutMs} from '../store/open.js';
import type {Command} from './command.js';
import {refuseLiveDatabase} from './import-export.js';
import {usageError} from './arguments.js';
import {quoted} from '../text/quoted.js';

const backup: Command = {
	name: 'backup',
	summary: 'write a consistent, checked copy of the database (0600) while the desk and workers keep using it; on PostgreSQL with pg_dump (custom format)',
	usage: 'backup FILE',
	flags: {},
	async run(context) {
		const [file, ...extra] = context.args;
		if (!file) throw usageError(backup, 'missing FILE');
		if (extra.length > 0) throw usageError(backup, `unexpected argument ${quoted(extra[0]!)}`);
		refuseLiveDatabase(context, file, 'backup');
		if (context.target.engine === 'postgres') {
			const started = performance.now();
			const {bytes, command, restore} = await backupPostgres(context.target.url, file);
			const seconds = ((performance.now() - started) / 1000).toFixed(1);
			context.say(`backed up ${context.target.shown} to ${file} (pg_dump custom format, ${(bytes / 1_048_576).toFixed(1)} MB, read back with pg_restore --list, ${seconds} s)\nran: ${command}\nrestore into a new database: ${restore}`);
			return;
		}
		if (!fs.existsSync(context.databasePath)) throw new NotFoundError(`no database at ${context.databasePath}: nothing to back up`);
		const wait = context.flags.wait as number | undefined;
		const started = performance.now();
		const {pages, bytes} = await backupDatabase(context.database(), file, {busyTimeoutMs: wait === undefined ? defaultBusyTimeoutMs : wait * 1000, file: context.databasePath});
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		context.say(`backed up ${context.databasePath} to ${file} (${pages} pages, ${(bytes / 1_048_576).toFixed(1)} MB, integrity checked, ${seconds} s)`);
	},
};

export const backupCommands: Command[] = [backup];

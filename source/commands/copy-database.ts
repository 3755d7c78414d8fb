import fs from 'node:fs';
import {copyDatabase, CopyInterrupted} from '../copy/copy-database.js';
import {NotFoundError, UserError} from '../store/errors.js';
import {defaultBusyTimeoutMs} from '../store/open.js';
import {databaseTarget, type DatabaseTarget} from '../store/target.js';
import {databaseTrouble} from '../store/database-trouble.js';
import {postgresTrouble} from '../store/postgres/trouble.js';
import type {Command} from './command.js';
import {noArguments, printJson, stringFlag, usageError} from './arguments.js';
import {endAsInterrupted, interruptedExitCode, whileCancellable} from './import-export.js';

/** Trouble while writing is the destination's (a full disk, a lock): name it, not the --db database. */
function destinationTrouble(error: unknown, to: DatabaseTarget, wait: number | undefined): UserError | undefined {
	if (error instanceof UserError) return undefined;
	const waited = wait === undefined ? defaultBusyTimeoutMs : wait * 1000;
	return to.engine === 'postgres' ? postgresTrouble(error, to.shown, waited) : databaseTrouble(error, to.shown, waited);
}

const copy: Command = {
	name: 'copy-database',
	summary: 'copy everything (ids, history, jobs, rollups) from one database to another, SQLite or PostgreSQL, checked table by table; the destination gets all of it or nothing',
	usage: 'copy-database [--from SRC] --to DST [--replace] [--json]   (SRC, DST: a file or postgres://USER@HOST:PORT/DB; --from defaults to --db)',
	flags: {from: {type: 'string', nonEmpty: true}, to: {type: 'string', nonEmpty: true}, replace: {type: 'boolean'}, json: {type: 'boolean'}},
	async run(context) {
		noArguments(copy, context);
		const toFlag = stringFlag(context, 'to');
		if (toFlag === undefined) throw usageError(copy, 'missing --to DST (a file path or a postgres:// URL)');
		const fromFlag = stringFlag(context, 'from');
		const from = fromFlag === undefined ? context.target : databaseTarget(fromFlag);
		const to = databaseTarget(toFlag);
		if (from.engine === 'sqlite' && !fs.existsSync(from.file)) throw new NotFoundError(`no database at ${from.shown}: nothing to copy`);
		const wait = context.flags.wait as number | undefined;
		context.say(`copying ${from.shown} (${from.engine}) to ${to.shown} (${to.engine})`);
		try {
			const report = await whileCancellable(signal => copyDatabase(from, to, {
				replace: context.flags.replace === true,
				busyTimeoutMs: wait === undefined ? defaultBusyTimeoutMs : wait * 1000,
				signal,
				onProgress: line => context.say(line),
			}));
			const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
			if (context.flags.json === true) printJson(context, {from: from.shown, to: to.shown, ...report});
			context.say(`copied ${report.tables.length} tables, ${rows} rows, from ${from.shown} to ${to.shown} in ${report.seconds.toFixed(1)} s; every table checked (row count and checksum)`);
		} catch (error) {
			if (error instanceof CopyInterrupted) {
				context.say(`copy interrupted (Ctrl-C): ${to.shown} was left as it was`);
				endAsInterrupted();
				return interruptedExitCode;
			}
			throw destinationTrouble(error, to, wait) ?? error;
		}
	},
};

export const copyDatabaseCommands: Command[] = [copy];

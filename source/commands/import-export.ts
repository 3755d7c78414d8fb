import fs from 'node:fs';
import path from 'node:path';
import {importCustomersCsv, type RejectedRow} from '../customers/customer-import.js';
import {exportCustomersCsv} from '../customers/customer-export.js';
import {writeRejects} from '../csv/csv-rejects.js';
import {exitCodes} from '../store/errors.js';
import type {Command, CommandContext} from './command.js';
import {stringFlag, usageError} from './arguments.js';

function fileArgument(command: Pick<Command, 'usage'>, context: CommandContext): string {
	const [file, ...extra] = context.args;
	if (!file) throw usageError(command, 'missing FILE.csv');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${extra[0]}"`);
	return file;
}

const importCustomers: Command = {
	name: 'import customers',
	summary: 'add customers from a CSV file (valid rows in one transaction; bad rows reported by line)',
	usage: 'import customers FILE.csv [--dry-run] [--rejects FILE.csv]',
	flags: {dryRun: {type: 'boolean'}, rejects: {type: 'string'}},
	run(context) {
		const file = fileArgument(importCustomers, context);
		const rejectsFile = stringFlag(context, 'rejects');
		if (rejectsFile !== undefined && !rejectsFile) throw usageError(importCustomers, '--rejects needs a file name');
		if (rejectsFile && path.resolve(rejectsFile) === path.resolve(file)) throw usageError(importCustomers, '--rejects must not be the file being imported');
		// Checked before importing: the rejects are the only record of what was left out.
		if (rejectsFile && !fs.existsSync(path.dirname(path.resolve(rejectsFile)))) {
			throw usageError(importCustomers, `--rejects ${rejectsFile}: folder ${path.dirname(path.resolve(rejectsFile))} does not exist`);
		}
		const dryRun = context.flags.dryRun === true;
		const rejected: RejectedRow[] = [];
		const started = performance.now();
		const result = importCustomersCsv(context.database(), file, {
			dryRun,
			label: file,
			onReject: row => {
				context.say(`${file}:${row.line}: ${row.reason}`);
				if (rejectsFile) rejected.push(row);
			},
		});
		const seconds = (performance.now() - started) / 1000;
		if (rejectsFile) writeRejects(rejectsFile, result.header, rejected);
		const rows = result.imported + result.rejected;
		const rate = seconds >= 0.5 ? `, ${Math.round(rows / seconds)} rows/s` : '';
		const verb = dryRun ? 'dry run: would import' : 'imported';
		const where = rejectsFile && result.rejected > 0 ? ` (written to ${rejectsFile})` : '';
		context.say(`${verb} ${result.imported} customers, rejected ${result.rejected} rows${where} in ${seconds.toFixed(2)} s${rate}${dryRun ? '; nothing was written' : ''}`);
		return result.rejected > 0 ? exitCodes.rejected : exitCodes.ok;
	},
};

const exportCustomers: Command = {
	name: 'export customers',
	summary: 'write every live customer to a CSV file (import reads it back)',
	usage: 'export customers FILE.csv',
	flags: {},
	run(context) {
		const file = fileArgument(exportCustomers, context);
		const {exported} = exportCustomersCsv(context.database(), file);
		context.say(`exported ${exported} customers to ${file}`);
	},
};

export const importExportCommands: Command[] = [importCustomers, exportCustomers];

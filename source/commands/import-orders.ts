import {importOrders} from '../orders/order-import.js';
import {exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import type {Command} from './command.js';
import {stringFlag, usageError} from './arguments.js';
import {fileArgument, refuseLiveDatabase} from './import-export.js';

/** `import orders FILE.csv`: the same rules as the customer import, for orders. */
export const importOrdersCommand: Command = {
	name: 'import orders',
	summary: 'add orders from a CSV file (valid rows in one transaction; bad rows reported by line)',
	usage: 'import orders FILE.csv [--dry-run] [--rejects FILE.csv] [--raw]',
	flags: {dryRun: {type: 'boolean'}, rejects: {type: 'string'}, raw: {type: 'boolean'}},
	async run(context) {
		const file = fileArgument(importOrdersCommand, context);
		const dryRun = context.flags.dryRun === true;
		const rejectsFile = stringFlag(context, 'rejects');
		if (rejectsFile !== undefined && !rejectsFile) throw usageError(importOrdersCommand, '--rejects needs a file name');
		if (rejectsFile) refuseLiveDatabase(context, rejectsFile, '--rejects');
		const result = await importOrders(await context.store(), file, {
			dryRun,
			rejectsFile,
			raw: context.flags.raw === true,
			label: file,
			onReject: row => context.say(visible(`${file}:${row.line}: ${row.reason}`)),
		});
		const verb = dryRun ? 'would import' : 'imported';
		const rejects = result.rejected.length > 0 && rejectsFile ? ` (written to ${rejectsFile})` : '';
		context.say(visible(`${verb} ${result.imported} orders, rejected ${result.rejected.length}${rejects}${dryRun ? '; nothing written (--dry-run)' : ''}`));
		return result.rejected.length > 0 ? exitCodes.rejected : exitCodes.ok;
	},
};

import {importOrders} from '../orders/order-import.js';
import {exitCodes} from '../store/errors.js';
import type {Command} from './command.js';
import {stringFlag, usageError} from './arguments.js';

/** `import orders FILE.csv`: the same rules as the customer import, for orders. */
export const importOrdersCommand: Command = {
	name: 'import orders',
	summary: 'add orders from a CSV file (valid rows in one transaction; bad rows reported by line)',
	usage: 'import orders FILE.csv [--dry-run] [--rejects FILE.csv]',
	flags: {dryRun: {type: 'boolean'}, rejects: {type: 'string'}},
	run(context) {
		const [file, ...extra] = context.args;
		if (!file) throw usageError(importOrdersCommand, 'missing FILE.csv');
		if (extra.length > 0) throw usageError(importOrdersCommand, `unexpected argument "${extra[0]}"`);
		const dryRun = context.flags.dryRun === true;
		const rejectsFile = stringFlag(context, 'rejects');
		const result = importOrders(context.database(), file, {dryRun, rejectsFile});
		for (const row of result.rejected) context.say(`${file}:${row.line}: ${row.reason}`);
		const verb = dryRun ? 'would import' : 'imported';
		const rejects = result.rejected.length > 0 && rejectsFile ? ` (written to ${rejectsFile})` : '';
		context.say(`${verb} ${result.imported} orders, rejected ${result.rejected.length}${rejects}${dryRun ? '; nothing written (--dry-run)' : ''}`);
		return result.rejected.length > 0 ? exitCodes.rejected : exitCodes.ok;
	},
};

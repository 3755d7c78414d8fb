import {exportOrders} from '../orders/order-export.js';
import type {Command} from './command.js';
import {usageError} from './arguments.js';

export const exportOrdersCommand: Command = {
	name: 'export orders',
	summary: 'export every order to CSV (the columns import orders reads)',
	usage: 'export orders FILE.csv',
	flags: {},
	async run(context) {
		const [file, ...extra] = context.args;
		if (!file) throw usageError(exportOrdersCommand, 'missing FILE.csv');
		if (extra.length > 0) throw usageError(exportOrdersCommand, `unexpected argument "${extra[0]}"`);
		const {exported} = await exportOrders(context.database(), file);
		context.say(`exported ${exported} orders to ${file}`);
	},
};

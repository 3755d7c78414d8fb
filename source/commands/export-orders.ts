import {exportOrders} from '../orders/order-export.js';
import {visible} from '../text/visible.js';
import type {Command} from './command.js';
import {fileArgument, refuseLiveDatabase} from './import-export.js';

export const exportOrdersCommand: Command = {
	name: 'export orders',
	summary: 'export every order to CSV (the columns import orders reads); formula-like cells get a leading \' unless --raw',
	usage: 'export orders FILE.csv [--raw]',
	flags: {raw: {type: 'boolean'}},
	async run(context) {
		const file = fileArgument(exportOrdersCommand, context);
		refuseLiveDatabase(context, file, 'export');
		const {exported, leftOut} = await exportOrders(await context.store(), file, {raw: context.flags.raw === true});
		const reasons = [
			leftOut.deletedCustomer > 0 ? `${leftOut.deletedCustomer} of deleted customers` : '',
			leftOut.noEmail > 0 ? `${leftOut.noEmail} of customers without an email` : '',
		].filter(Boolean);
		const left = reasons.length > 0 ? `; left out ${reasons.join(' and ')} (import finds an order's customer by email among live customers)` : '';
		context.say(visible(`exported ${exported} orders to ${file}${left}`));
	},
};

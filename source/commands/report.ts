import {buildReport} from '../reports/report.js';
import {reportRangeOf} from '../reports/report-range.js';
import {reportTables} from '../reports/report-tables.js';
import {parseCurrency, todayUtc} from '../orders/order-fields.js';
import type {Command} from './command.js';
import {printJson, stringFlag, usageError} from './arguments.js';
import {formatTable} from './table.js';
import {quoted} from '../text/quoted.js';

export const reportCommand: Command = {
	name: 'report',
	summary: 'revenue by month, top customers, pipeline, new customers, interactions, robots (default: last 12 months)',
	usage: 'report [--from DATE] [--to DATE] [--currency C] [--json]',
	flags: {from: {type: 'string'}, to: {type: 'string'}, currency: {type: 'string'}, json: {type: 'boolean'}},
	async run(context) {
		if (context.args.length > 0) throw usageError(reportCommand, `unexpected argument ${quoted(context.args[0]!)}`);
		const range = reportRangeOf({from: stringFlag(context, 'from'), to: stringFlag(context, 'to')}, todayUtc());
		const currencyFlag = stringFlag(context, 'currency');
		const currency = currencyFlag === undefined ? undefined : parseCurrency(currencyFlag);
		const {report} = await buildReport(await context.store(), range, currency);
		if (context.flags.json === true) return printJson(context, report);
		const sections = reportTables(report).map(table => {
			const body = table.rows.length > 0 ? formatTable(table.columns.map(heading => ({heading: heading.toUpperCase(), max: 32})), table.rows) : '(none)\n';
			return `${table.title}\n${body}`;
		});
		context.print(`Report ${range.from} to ${range.to} (UTC)${currency ? `, ${currency}` : ''}\n\n${sections.join('\n')}`);
	},
};

import {formatAmount} from '../orders/order-fields.js';
import type {Report} from './report.js';

/** One section of a report as a table of text: what the CLI prints and the exports write. */
export type ReportTable = {section: string; title: string; columns: string[]; rows: string[][]};

const duration = (ms: number | null) => (ms === null ? '' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** Every section as a table; money as decimals with its currency, never added across currencies. */
export function reportTables(report: Report): ReportTable[] {
	return [
		{
			section: 'revenue_by_month', title: 'Revenue by month (won + paid, by placed date)', columns: ['month', 'currency', 'revenue', 'orders'],
			rows: report.revenue_by_month.map(row => [row.month, row.currency, formatAmount(row.revenue), String(row.orders)]),
		},
		{
			section: 'top_customers', title: 'Top customers by revenue', columns: ['currency', 'rank', 'customer', 'name', 'revenue', 'orders'],
			rows: report.top_customers.map(row => [row.currency, String(row.rank), String(row.customer_id), row.name, formatAmount(row.revenue), String(row.orders)]),
		},
		{
			section: 'pipeline', title: 'Pipeline (orders placed in the range, by status)', columns: ['currency', 'status', 'orders', 'value'],
			rows: report.pipeline.map(row => [row.currency, row.status, String(row.orders), formatAmount(row.value)]),
		},
		{
			section: 'new_customers_by_month', title: 'New customers by month', columns: ['month', 'customers'],
			rows: report.new_customers_by_month.map(row => [row.month, String(row.customers)]),
		},
		{
			section: 'interactions_by_kind', title: 'Interactions by kind', columns: ['kind', 'interactions'],
			rows: report.interactions_by_kind.map(row => [row.kind, String(row.interactions)]),
		},
		{
			section: 'robots', title: 'Robots (jobs finished in the range)', columns: ['robot', 'succeeded', 'failed', 'median run time'],
			rows: report.robots.map(row => [row.robot, String(row.succeeded), String(row.failed), duration(row.median_ms)]),
		},
	];
}

function markdownCell(value: string): string {
	return value.replaceAll('|', '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The report as Markdown: a heading and a table per section. */
export function reportMarkdown(report: Report, title: string): string {
	const parts = [`# ${title}`, '', `${report.range.from} to ${report.range.to} (UTC)${report.currencies.length ? `, ${report.currencies.join(', ')}` : ''}`];
	for (const table of reportTables(report)) {
		parts.push('', `## ${table.title}`, '');
		if (table.rows.length === 0) {
			parts.push('(none)');
			continue;
		}
		parts.push(`| ${table.columns.join(' | ')} |`, `|${table.columns.map(() => ' --- ').join('|')}|`);
		for (const row of table.rows) parts.push(`| ${row.map(markdownCell).join(' | ')} |`);
	}
	return `${parts.join('\n')}\n`;
}

/** The report as one tidy CSV, a row per figure: sections of different shapes fit one header. */
export function reportCsvRows(report: Report): string[][] {
	const rows: string[][] = [['section', 'currency', 'item', 'measure', 'value']];
	for (const row of report.revenue_by_month) rows.push(['revenue_by_month', row.currency, row.month, 'revenue', formatAmount(row.revenue)]);
	for (const row of report.top_customers) rows.push(['top_customers', row.currency, `${row.rank} ${row.name} (#${row.customer_id})`, 'revenue', formatAmount(row.revenue)]);
	for (const row of report.pipeline) {
		rows.push(['pipeline', row.currency, row.status, 'orders', String(row.orders)], ['pipeline', row.currency, row.status, 'value', formatAmount(row.value)]);
	}
	for (const row of report.new_customers_by_month) rows.push(['new_customers_by_month', '', row.month, 'customers', String(row.customers)]);
	for (const row of report.interactions_by_kind) rows.push(['interactions_by_kind', '', row.kind, 'interactions', String(row.interactions)]);
	for (const row of report.robots) {
		rows.push(['robots', '', row.robot, 'succeeded', String(row.succeeded)], ['robots', '', row.robot, 'failed', String(row.failed)]);
		rows.push(['robots', '', row.robot, 'median_ms', row.median_ms === null ? '' : String(row.median_ms)]);
	}
	return rows;
}

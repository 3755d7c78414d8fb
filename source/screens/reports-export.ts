import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import type {Dashboard} from '../reports/dashboard.js';
import {describeRange} from '../reports/report-range.js';
import {reportCsvRows, reportMarkdown} from '../reports/report-tables.js';
import {writeReportFiles} from '../reports/report-files.js';
import {formatAmount, formatMoney} from '../orders/order-fields.js';
import {barChartLines, monthLabel} from '../components/bar-chart-lines.js';
import {formatCount} from './reports-format.js';

/** The headline figures as `label: value` pairs for people (thousands separated), shared by the screen and the Markdown export. */
export function headlineEntries(figures: Dashboard): Array<[string, string]> {
	const currency = figures.currency ?? '';
	const {headline} = figures;
	return [
		[`revenue ${describeRange(figures.range)}`, formatMoney(headline.revenue, currency)],
		[`revenue ${describeRange(figures.previousRange)}`, formatMoney(headline.previousRevenue, currency)],
		['open pipeline', `${formatMoney(headline.openPipeline, currency)} (${formatCount(headline.openOrders)} orders)`],
		['orders placed', formatCount(headline.orders)],
		['new customers', formatCount(headline.newCustomers)],
	];
}

function dashboardMarkdown(figures: Dashboard): string {
	const title = `opsdesk report ${describeRange(figures.range)}${figures.currency ? ` ${figures.currency}` : ''}`;
	const chart = barChartLines(figures.chart.map(row => ({label: monthLabel(row.month), value: row.revenue})), {height: 8, barWidth: 3});
	const [heading, ...sections] = reportMarkdown(figures.report, title).split('\n## ');
	return [
		heading!.trimEnd(),
		'',
		'## Headline',
		'',
		...headlineEntries(figures).map(([label, value]) => `- ${label}: ${value}`),
		'',
		`## Revenue by month, ${figures.chart[0]?.month ?? ''} to ${figures.chart.at(-1)?.month ?? ''}`,
		'',
		'```',
		...chart,
		'```',
		'',
		...sections.map(section => `## ${section}`),
	].join('\n');
}

function dashboardCsv(figures: Dashboard): string {
	const [header, ...rows] = reportCsvRows(figures.report);
	const currency = figures.currency ?? '';
	const headline = headlineEntries(figures).map(([label]) => label);
	const {revenue, previousRevenue, openPipeline, orders, newCustomers} = figures.headline;
	const values = [formatAmount(revenue), formatAmount(previousRevenue), formatAmount(openPipeline), String(orders), String(newCustomers)];
	return stringify([header!, ...headline.map((label, index) => ['headline', currency, label, 'value', values[index]!]), ...rows]);
}

/** `x` on the Reports tab: the figures on screen as `report-2026-03-EUR.csv` and `.md` in `folder`. */
export function exportDashboard(figures: Dashboard, folder: string): string[] {
	const base = `report-${describeRange(figures.range).replace(/[^\w-]+/g, '-')}${figures.currency ? `-${figures.currency}` : ''}`;
	return writeReportFiles(folder, {[`${base}.csv`]: dashboardCsv(figures), [`${base}.md`]: dashboardMarkdown(figures)});
}

/** Where exports go unless OPSDESK_EXPORT_DIR says otherwise: an `exports` folder beside the database. */
export function exportFolderFor(databasePath: string, env: NodeJS.ProcessEnv = process.env): string {
	return env.OPSDESK_EXPORT_DIR ? path.resolve(env.OPSDESK_EXPORT_DIR) : path.join(path.dirname(databasePath), 'exports');
}

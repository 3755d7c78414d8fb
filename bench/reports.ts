// `npm run bench reports`: the report at one million customers and five million orders,
// section by section, against the sqlite3 shell computing the same figures straight from
// the orders table on the same file; and what keeping the rollups costs an order insert,
// kept by the order functions (per order, per batch) against triggers.
import {execFileSync} from 'node:child_process';
import type {Db} from '../source/store/store.js';
import {openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {buildReport, type ReportTimings} from '../source/reports/report.js';
import {periodRange, type ReportRange} from '../source/reports/report-range.js';
import {todayUtc} from '../source/orders/order-fields.js';
import {benchDatabase, benchReportsFile} from './reports-data.js';
import {benchInsertCost} from './reports-inserts.js';
import {benchReportsFrame} from './reports-frame.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export function ranges(today: string, first: string): Array<[string, ReportRange]> {
	const year = today.slice(0, 4);
	return [
		['this month', periodRange('month', today)],
		['last month', periodRange('month', today, -1)],
		['this quarter', periodRange('quarter', today)],
		['last year', periodRange('year', today, -1)],
		['last 12 months', {from: `${Number(year) - 1}${today.slice(4, 8)}01`, to: today}],
		['odd days', {from: `${Number(year) - 2}-02-10`, to: `${Number(year) - 1}-07-19`}],
		['all time', {from: first, to: today}],
	];
}

/** The naive baseline: the same three figures straight from `orders`, timed by the shell's `.timer`. */
function shellSeconds(file: string, range: ReportRange): number[] {
	const where = `placed_at BETWEEN '${range.from}' AND '${range.to}'`;
	const queries = [
		`SELECT currency, substr(placed_at, 1, 7) AS month, sum(amount) FROM orders WHERE ${where} AND status IN ('won', 'paid') GROUP BY currency, month;`,
		`SELECT currency, customer_id, sum(amount) AS revenue FROM orders WHERE ${where} AND status IN ('won', 'paid') GROUP BY currency, customer_id ORDER BY revenue DESC LIMIT 10;`,
		`SELECT currency, status, count(*), sum(amount) FROM orders WHERE ${where} GROUP BY currency, status;`,
	];
	const output = execFileSync('sqlite3', [file], {input: `.timer on\n.output /dev/null\n${queries.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 26});
	return [...output.matchAll(/Run Time: real ([\d.]+)/g)].map(match => Number(match[1]) * 1000);
}

function hasSqliteShell(): boolean {
	try {
		execFileSync('sqlite3', ['-version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

export async function timeReport(db: Db, range: ReportRange, currency?: string): Promise<{total: number; sections: ReportTimings}> {
	const runs: Array<{total: number; sections: ReportTimings}> = [];
	for (let run = 0; run < 5; run++) {
		const start = performance.now();
		const {timings} = await buildReport(db, range, currency);
		runs.push({total: performance.now() - start, sections: timings});
	}
	const total = median(runs.map(run => run.total));
	const sections = Object.fromEntries(Object.keys(runs[0]!.sections).map(key =>
		[key, median(runs.map(run => run.sections[key as keyof ReportTimings]))])) as ReportTimings;
	return {total, sections};
}

export async function benchReports(): Promise<void> {
	await benchInsertCost();
	const file = benchReportsFile;
	console.log(`  database: ${file} (reused if present; delete it to rebuild)`);
	(await benchDatabase(file)).close();
	const db = await openOpsdeskStore(databaseTarget(file));
	const today = todayUtc();
	const first = (db.sqlite!.prepare('SELECT min(day) FROM order_daily').pluck().get() as string | null) ?? today;
	const shell = hasSqliteShell();
	if (!shell) console.log('  sqlite3 shell missing: apt-get install sqlite3 for the baseline');
	console.log(`  goal: whole report <= 150 ms for any range. Sections: revenue, top 10, pipeline, new customers, interactions, robots.`);
	for (const [label, range] of ranges(today, first)) {
		for (const currency of [undefined, 'USD']) {
			const {total, sections} = await timeReport(db, range, currency);
			const parts = [sections.revenue_by_month, sections.top_customers, sections.pipeline, sections.new_customers_by_month, sections.interactions_by_kind, sections.robots].map(ms).join(' / ');
			let line = `  ${`${label}${currency ? ' USD' : ''}`.padEnd(18)} report ${ms(total).padStart(9)}  (${parts})`;
			if (shell && !currency) {
				const baseline = shellSeconds(file, range);
				const naive = baseline.reduce((sum, value) => sum + value, 0);
				line += `\n  ${''.padEnd(18)} sqlite3 shell, revenue + top 10 + pipeline from orders: ${baseline.map(ms).join(' + ')} = ${ms(naive)}; report is ${(naive / total).toFixed(0)}x faster`;
			}
			console.log(line);
		}
	}
	await benchReportsFrame(db);
	await db.close();
}

import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {buildReport, type Report} from './report.js';
import {openPipeline, revenueByMonth, type MonthRevenue} from './revenue.js';
import {periodRange, type ReportPeriod, type ReportRange} from './report-range.js';

export type Headline = {
	/** Revenue (won + paid) placed in the period, and in the period before it. */
	revenue: number;
	previousRevenue: number;
	/** Every order open now, whenever placed. */
	openPipeline: number;
	openOrders: number;
	/** Orders placed in the period, any status. */
	orders: number;
	newCustomers: number;
};

export type Dashboard = {
	range: ReportRange;
	previousRange: ReportRange;
	/** Every currency with orders: `c` walks through them. */
	currencies: string[];
	currency: string | undefined;
	headline: Headline;
	/** Revenue for the twelve months ending with the period: the bar chart. */
	chart: MonthRevenue[];
	report: Report;
};

export type DashboardQuery = {period: ReportPeriod; offset: number; currency?: string; today: string};

/**
 * Every currency any order was placed in, for `c` to cycle through: one index seek per
 * currency (a skip scan) rather than a pass over every day's rows.
 */
export async function orderCurrencies(db: Db): Promise<string[]> {
	const found = await sql<{currency: string}>`
		WITH RECURSIVE next (currency) AS (
			SELECT min(currency) FROM order_daily
			UNION ALL
			SELECT (SELECT min(currency) FROM order_daily WHERE currency > next.currency) FROM next WHERE next.currency IS NOT NULL
		)
		SELECT currency FROM next WHERE currency IS NOT NULL`.execute(db.db);
	return found.rows.map(row => row.currency);
}

/**
 * What the Reports tab shows for one period and currency, from the rollups: the report's
 * sections plus the headline figures and the twelve-month chart, in one snapshot.
 */
export async function dashboard(db: Db, query: DashboardQuery): Promise<Dashboard> {
	const range = periodRange(query.period, query.today, query.offset);
	const previousRange = periodRange(query.period, query.today, query.offset - 1);
	return db.read(async tx => {
		const currencies = await orderCurrencies(tx);
		const currency = query.currency ?? currencies[0];
		const chosen = currency ? [currency] : [];
		const {report} = await buildReport(tx, range, currency ?? 'USD');
		const chartRange = {from: periodRange('month', range.to, -11).from, to: range.to};
		const previous = (await revenueByMonth(tx, previousRange, chosen)).reduce((sum, row) => sum + row.revenue, 0);
		const [open] = await openPipeline(tx, chosen);
		return {
			range,
			previousRange,
			currencies,
			currency,
			headline: {
				revenue: report.revenue_by_month.reduce((sum, row) => sum + row.revenue, 0),
				previousRevenue: previous,
				openPipeline: open?.value ?? 0,
				openOrders: open?.orders ?? 0,
				orders: report.pipeline.reduce((sum, row) => sum + row.orders, 0),
				newCustomers: report.new_customers_by_month.reduce((sum, row) => sum + row.customers, 0),
			},
			chart: await revenueByMonth(tx, chartRange, chosen),
			report,
		};
	});
}

import type {Db} from '../store/store.js';
import {performance} from 'node:perf_hooks';
import {currenciesIn, pipeline, revenueByMonth, type MonthRevenue, type PipelineRow} from './revenue.js';
import {topCustomers, type TopCustomer} from './top-customers.js';
import {interactionsByKind, newCustomersByMonth, type KindCount, type MonthCount} from './activity.js';
import {robotFigures, type RobotFigures} from './robot-jobs.js';
import type {ReportRange} from './report-range.js';

export type Report = {
	range: ReportRange;
	/** The currencies reported, one set of money figures each. */
	currencies: string[];
	revenue_by_month: MonthRevenue[];
	top_customers: TopCustomer[];
	pipeline: PipelineRow[];
	new_customers_by_month: MonthCount[];
	interactions_by_kind: KindCount[];
	robots: RobotFigures[];
};

export type ReportSection = Exclude<keyof Report, 'range' | 'currencies'>;
export type ReportTimings = Record<ReportSection, number>;

/** Every section of `opsdesk report` and the Reports tab, with how long each took (ms). */
export async function buildReport(db: Db, range: ReportRange, currency?: string): Promise<{report: Report; timings: ReportTimings}> {
	const timings = {} as ReportTimings;
	const timed = async <T>(section: ReportSection, compute: () => Promise<T>): Promise<T> => {
		const start = performance.now();
		const result = await compute();
		timings[section] = performance.now() - start;
		return result;
	};
	// One read transaction: every section sees the same snapshot while workers write.
	const report = await db.read(async tx => {
		const currencies = await currenciesIn(tx, range, currency);
		return {
			range,
			currencies,
			revenue_by_month: await timed('revenue_by_month', () => revenueByMonth(tx, range, currencies)),
			top_customers: await timed('top_customers', () => topCustomers(tx, range, currencies)),
			pipeline: await timed('pipeline', () => pipeline(tx, range, currencies)),
			new_customers_by_month: await timed('new_customers_by_month', () => newCustomersByMonth(tx, range)),
			interactions_by_kind: await timed('interactions_by_kind', () => interactionsByKind(tx, range)),
			robots: await timed('robots', () => robotFigures(tx, range)),
		};
	});
	return {report, timings};
}

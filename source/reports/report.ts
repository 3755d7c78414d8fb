import type {Database} from 'better-sqlite3';
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
export function buildReport(db: Database, range: ReportRange, currency?: string): {report: Report; timings: ReportTimings} {
	const timings = {} as ReportTimings;
	const timed = <T>(section: ReportSection, compute: () => T): T => {
		const start = performance.now();
		const result = compute();
		timings[section] = performance.now() - start;
		return result;
	};
	// One read transaction: every section sees the same snapshot while workers write.
	const report = db.transaction(() => {
		const currencies = currenciesIn(db, range, currency);
		return {
			range,
			currencies,
			revenue_by_month: timed('revenue_by_month', () => revenueByMonth(db, range, currencies)),
			top_customers: timed('top_customers', () => topCustomers(db, range, currencies)),
			pipeline: timed('pipeline', () => pipeline(db, range, currencies)),
			new_customers_by_month: timed('new_customers_by_month', () => newCustomersByMonth(db, range)),
			interactions_by_kind: timed('interactions_by_kind', () => interactionsByKind(db, range)),
			robots: timed('robots', () => robotFigures(db, range)),
		};
	}).deferred();
	return {report, timings};
}

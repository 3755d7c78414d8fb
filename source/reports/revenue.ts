import type {Database} from 'better-sqlite3';
import {orderStatuses, type OrderStatus} from '../orders/order-fields.js';
import {monthsIn, type ReportRange} from './report-range.js';

export type MonthRevenue = {currency: string; month: string; revenue: number; orders: number};
export type PipelineRow = {currency: string; status: OrderStatus; orders: number; value: number};

/**
 * The currencies with any order placed in the range (or just the one asked for): every
 * money figure is reported per currency and never summed across them.
 */
export function currenciesIn(db: Database, range: ReportRange, currency?: string): string[] {
	if (currency) return [currency];
	return db.prepare<[string, string], {currency: string}>(
		'SELECT DISTINCT currency FROM order_daily WHERE day BETWEEN ? AND ? AND orders > 0 ORDER BY currency',
	).all(range.from, range.to).map(row => row.currency);
}

/** Won + paid by UTC month placed, from the daily rollup; months without revenue are 0. */
export function revenueByMonth(db: Database, range: ReportRange, currencies: string[]): MonthRevenue[] {
	const statement = db.prepare<[string, string, string], {month: string; revenue: number; orders: number}>(
		`SELECT substr(day, 1, 7) AS month, sum(amount) AS revenue, sum(orders) AS orders FROM order_daily
		 WHERE currency = ? AND day BETWEEN ? AND ? AND status IN ('won', 'paid') GROUP BY month`,
	);
	return currencies.flatMap(currency => {
		const found = new Map(statement.all(currency, range.from, range.to).map(row => [row.month, row]));
		return monthsIn(range).map(month => ({
			currency,
			month,
			revenue: found.get(month)?.revenue ?? 0,
			orders: found.get(month)?.orders ?? 0,
		}));
	});
}

/** Orders placed in the range, counted and valued by status, every status listed. */
export function pipeline(db: Database, range: ReportRange, currencies: string[]): PipelineRow[] {
	const statement = db.prepare<[string, string, string], {status: OrderStatus; orders: number; value: number}>(
		`SELECT status, sum(orders) AS orders, sum(amount) AS value FROM order_daily
		 WHERE currency = ? AND day BETWEEN ? AND ? GROUP BY status`,
	);
	return currencies.flatMap(currency => {
		const found = new Map(statement.all(currency, range.from, range.to).map(row => [row.status, row]));
		return orderStatuses.map(status => ({currency, status, orders: found.get(status)?.orders ?? 0, value: found.get(status)?.value ?? 0}));
	});
}

/** Every order still open today, whenever placed: the headline "open pipeline". */
export function openPipeline(db: Database, currencies: string[]): Array<{currency: string; orders: number; value: number}> {
	const statement = db.prepare<[string], {orders: number | null; value: number | null}>(
		"SELECT sum(orders) AS orders, sum(amount) AS value FROM order_daily WHERE currency = ? AND status = 'open'",
	);
	return currencies.map(currency => {
		const row = statement.get(currency);
		return {currency, orders: row?.orders ?? 0, value: row?.value ?? 0};
	});
}

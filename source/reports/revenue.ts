import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {orderStatuses, type OrderStatus} from '../orders/order-fields.js';
import {monthsIn, type ReportRange} from './report-range.js';

export type MonthRevenue = {currency: string; month: string; revenue: number; orders: number};
export type PipelineRow = {currency: string; status: OrderStatus; orders: number; value: number};

/**
 * The currencies with any order placed in the range (or just the one asked for): every
 * money figure is reported per currency and never summed across them.
 */
export async function currenciesIn(db: Db, range: ReportRange, currency?: string): Promise<string[]> {
	if (currency) return [currency];
	const found = await sql<{currency: string}>`
		SELECT DISTINCT currency FROM order_daily WHERE day BETWEEN ${range.from} AND ${range.to} AND orders > 0 ORDER BY currency`.execute(db.db);
	return found.rows.map(row => row.currency);
}

/** Won + paid by UTC month placed, from the daily rollup; months without revenue are 0. */
export async function revenueByMonth(db: Db, range: ReportRange, currencies: string[]): Promise<MonthRevenue[]> {
	const months = monthsIn(range);
	const perCurrency = await Promise.all(currencies.map(async currency => {
		const found = await sql<{month: string; revenue: number; orders: number}>`
			SELECT substr(day, 1, 7) AS month, sum(amount) AS revenue, sum(orders) AS orders FROM order_daily
			WHERE currency = ${currency} AND day BETWEEN ${range.from} AND ${range.to} AND status IN ('won', 'paid') GROUP BY substr(day, 1, 7)`.execute(db.db);
		const byMonth = new Map(found.rows.map(row => [row.month, row]));
		return months.map(month => ({
			currency,
			month,
			revenue: Number(byMonth.get(month)?.revenue ?? 0),
			orders: Number(byMonth.get(month)?.orders ?? 0),
		}));
	}));
	return perCurrency.flat();
}

/** Orders placed in the range, counted and valued by status, every status listed. */
export async function pipeline(db: Db, range: ReportRange, currencies: string[]): Promise<PipelineRow[]> {
	const perCurrency = await Promise.all(currencies.map(async currency => {
		const found = await sql<{status: OrderStatus; orders: number; value: number}>`
			SELECT status, sum(orders) AS orders, sum(amount) AS value FROM order_daily
			WHERE currency = ${currency} AND day BETWEEN ${range.from} AND ${range.to} GROUP BY status`.execute(db.db);
		const byStatus = new Map(found.rows.map(row => [row.status, row]));
		return orderStatuses.map(status => ({
			currency, status, orders: Number(byStatus.get(status)?.orders ?? 0), value: Number(byStatus.get(status)?.value ?? 0),
		}));
	}));
	return perCurrency.flat();
}

/** Every order still open today, whenever placed: the headline "open pipeline". */
export async function openPipeline(db: Db, currencies: string[]): Promise<Array<{currency: string; orders: number; value: number}>> {
	return Promise.all(currencies.map(async currency => {
		const found = await sql<{orders: number | null; value: number | null}>`
			SELECT sum(orders) AS orders, sum(amount) AS value FROM order_daily WHERE currency = ${currency} AND status = 'open'`.execute(db.db);
		const row = found.rows[0];
		return {currency, orders: Number(row?.orders ?? 0), value: Number(row?.value ?? 0)};
	}));
}

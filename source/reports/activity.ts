import type {Database} from 'better-sqlite3';
import {interactionKinds, type InteractionKind} from '../customers/interactions.js';
import {dayAfter, monthsIn, type ReportRange} from './report-range.js';

export type MonthCount = {month: string; customers: number};
export type KindCount = {kind: InteractionKind; interactions: number};

/**
 * Customers created per UTC month, every month of the range listed (deleted ones count:
 * they were new then). Read from the `customers_by_created` index, one seek per month.
 */
export function newCustomersByMonth(db: Database, range: ReportRange): MonthCount[] {
	const count = db.prepare<[string, string], {count: number}>(
		'SELECT count(*) AS count FROM customers INDEXED BY customers_by_created WHERE created_at >= ? AND created_at < ?',
	);
	const months = monthsIn(range);
	return months.map((month, index) => {
		const from = index === 0 ? range.from : `${month}-01`;
		const until = index === months.length - 1 ? dayAfter(range.to) : `${months[index + 1]}-01`;
		return {month, customers: count.get(from, until)?.count ?? 0};
	});
}

/** Interactions logged in the range by kind, every kind listed: from the per-day counts the triggers keep. */
export function interactionsByKind(db: Database, range: ReportRange): KindCount[] {
	const rows = db.prepare<[string, string], {kind: InteractionKind; count: number}>(
		'SELECT kind, sum(interactions) AS count FROM interaction_daily WHERE day BETWEEN ? AND ? GROUP BY kind',
	).all(range.from, range.to);
	const found = new Map(rows.map(row => [row.kind, row.count]));
	return interactionKinds.map(kind => ({kind, interactions: found.get(kind) ?? 0}));
}

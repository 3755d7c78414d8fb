import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {interactionKinds, type InteractionKind} from '../customers/interactions.js';
import {monthsIn, type ReportRange} from './report-range.js';

export type MonthCount = {month: string; customers: number};
export type KindCount = {kind: InteractionKind; interactions: number};

/**
 * Customers created per UTC month, every month of the range listed (deleted ones count:
 * they were new then): from the per-day counts the triggers keep (customer-rollup.ts).
 */
export async function newCustomersByMonth(db: Db, range: ReportRange): Promise<MonthCount[]> {
	const found = await sql<{month: string; count: number}>`
		SELECT substr(day, 1, 7) AS month, sum(customers) AS count FROM customer_daily
		WHERE day BETWEEN ${range.from} AND ${range.to} GROUP BY substr(day, 1, 7)`.execute(db.db);
	const counts = new Map(found.rows.map(row => [row.month, Number(row.count)]));
	return monthsIn(range).map(month => ({month, customers: counts.get(month) ?? 0}));
}

/** Interactions logged in the range by kind, every kind listed: from the per-day counts the triggers keep. */
export async function interactionsByKind(db: Db, range: ReportRange): Promise<KindCount[]> {
	const found = await sql<{kind: InteractionKind; count: number}>`
		SELECT kind, sum(interactions) AS count FROM interaction_daily WHERE day BETWEEN ${range.from} AND ${range.to} GROUP BY kind`.execute(db.db);
	const counts = new Map(found.rows.map(row => [row.kind, Number(row.count)]));
	return interactionKinds.map(kind => ({kind, interactions: counts.get(kind) ?? 0}));
}

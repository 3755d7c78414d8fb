import type {Database} from 'better-sqlite3';
import {splitByMonths, type ReportRange} from './report-range.js';

export type TopCustomer = {currency: string; rank: number; customer_id: number; name: string; revenue: number; orders: number};

/** Below this many revenue orders in the range, summing them straight from the index is cheapest. */
export const scanLimit = 40_000;

type Ranked = {customer_id: number; revenue: number; orders: number};
type Options = {limit?: number; scanLimit?: number};

/**
 * The customers with the most revenue (won + paid) placed in the range, per currency.
 *
 * - One whole month: read in order from the `customer_monthly` rollup's ranked index.
 * - Few revenue orders in the range: summed straight from a covering index of them.
 * - Otherwise customers are walked by lifetime revenue (`customer_revenue`, largest first),
 *   each one's revenue in the range summed from their monthly rollup rows (plus their orders
 *   on the days of a cut month), until the tenth best in the range has more than the
 *   lifetime revenue of the next customer in line: nobody further down can overtake it. If
 *   the walk has looked at as many customers as a scan would read orders, it scans instead,
 *   so the answer is always exact.
 */
export function topCustomers(db: Database, range: ReportRange, currencies: string[], options: Options = {}): TopCustomer[] {
	const limit = options.limit ?? 10;
	const names = db.prepare<[number], {name: string}>('SELECT name FROM customers WHERE id = ?');
	return currencies.flatMap(currency => {
		const ranked = rankCustomers(db, currency, range, limit, options.scanLimit ?? scanLimit);
		return ranked.map((row, index) => ({currency, rank: index + 1, ...row, name: names.get(row.customer_id)?.name ?? `#${row.customer_id}`}));
	});
}

function rankCustomers(db: Database, currency: string, range: ReportRange, limit: number, scanBelow: number): Ranked[] {
	const split = splitByMonths(range);
	if (split.months && split.months.first === split.months.last && split.edges.length === 0) {
		return oneMonth(db, currency, split.months.first, limit);
	}
	const inRange = revenueOrdersIn(db, currency, range);
	if (inRange <= scanBelow) return scanRange(db, currency, range, limit);
	return walkByLifetime(db, currency, split, limit, inRange) ?? scanRange(db, currency, range, limit);
}

function oneMonth(db: Database, currency: string, month: string, limit: number): Ranked[] {
	return db.prepare<[string, string, number], Ranked>(
		`SELECT customer_id, revenue, orders FROM customer_monthly INDEXED BY customer_monthly_ranked
		 WHERE currency = ? AND month = ? AND revenue > 0 ORDER BY revenue DESC, customer_id LIMIT ?`,
	).all(currency, month, limit);
}

function revenueOrdersIn(db: Database, currency: string, range: ReportRange): number {
	return (db.prepare<[string, string, string], {orders: number | null}>(
		"SELECT sum(orders) AS orders FROM order_daily WHERE currency = ? AND day BETWEEN ? AND ? AND status IN ('won', 'paid')",
	).get(currency, range.from, range.to)?.orders) ?? 0;
}

function scanRange(db: Database, currency: string, range: ReportRange, limit: number): Ranked[] {
	return db.prepare<[string, string, string, number], Ranked>(
		`SELECT customer_id, sum(amount) AS revenue, count(*) AS orders FROM orders INDEXED BY orders_revenue_by_day
		 WHERE currency = ? AND placed_at BETWEEN ? AND ? AND status IN ('won', 'paid')
		 GROUP BY customer_id HAVING revenue > 0 ORDER BY revenue DESC, customer_id LIMIT ?`,
	).all(currency, range.from, range.to, limit);
}

// An empty edge: a date range no order falls in.
const noDays = {from: '9', to: '0'};

function walkByLifetime(db: Database, currency: string, split: ReturnType<typeof splitByMonths>, limit: number, budget: number): Ranked[] | undefined {
	const [start = noDays, end = noDays] = split.edges;
	const parameters = {
		currency, firstMonth: split.months?.first ?? '9', lastMonth: split.months?.last ?? '0',
		startFrom: start.from, startTo: start.to, endFrom: end.from, endTo: end.to,
	};
	const inRange = (measure: 'revenue' | 'orders', customer: string) => {
		const edge = (name: string) => `(SELECT ${measure === 'revenue' ? 'sum(amount)' : 'count(*)'} FROM orders INDEXED BY orders_revenue_by_customer
			WHERE customer_id = ${customer} AND currency = @currency AND status IN ('won', 'paid') AND placed_at BETWEEN @${name}From AND @${name}To)`;
		return `coalesce((SELECT sum(${measure}) FROM customer_monthly WHERE customer_id = ${customer} AND currency = @currency
			AND month BETWEEN @firstMonth AND @lastMonth), 0) + coalesce(${edge('start')}, 0) + coalesce(${edge('end')}, 0)`;
	};
	// Each candidate with its lifetime revenue (the bound) and its revenue in the range.
	const candidates = db.prepare<unknown[], {customer_id: number; lifetime: number; revenue: number}>(
		`SELECT customer_id, revenue AS lifetime, ${inRange('revenue', 'r.customer_id')} AS revenue
		 FROM (SELECT customer_id, revenue FROM customer_revenue INDEXED BY customer_revenue_ranked
		       WHERE currency = @currency AND revenue > 0 AND (revenue < @revenue OR (revenue = @revenue AND customer_id > @id))
		       ORDER BY revenue DESC, customer_id LIMIT @chunk) AS r`,
	);
	const ordersOf = db.prepare<unknown[], {orders: number}>(`SELECT ${inRange('orders', '@customer')} AS orders`);
	const withOrders = (rows: Array<Omit<Ranked, 'orders'>>) =>
		rows.map(row => ({...row, orders: ordersOf.get({...parameters, customer: row.customer_id})?.orders ?? 0}));
	const best: Array<Omit<Ranked, 'orders'>> = [];
	let after = {revenue: Number.MAX_SAFE_INTEGER, id: 0};
	let chunk = 16;
	for (let looked = 0; looked < budget; looked += chunk, chunk = Math.min(chunk * 2, 1024)) {
		const rows = candidates.all({...parameters, revenue: after.revenue, id: after.id, chunk});
		for (const row of rows) {
			if (best.length === limit && best[limit - 1]!.revenue > row.lifetime) return withOrders(best);
			if (row.revenue > 0) insertRanked(best, {customer_id: row.customer_id, revenue: row.revenue}, limit);
		}
		if (rows.length < chunk) return withOrders(best);
		const last = rows.at(-1)!;
		after = {revenue: last.lifetime, id: last.customer_id};
	}
	return undefined;
}

type Scored = Omit<Ranked, 'orders'>;

function insertRanked(best: Scored[], row: Scored, limit: number): void {
	const beats = (a: Scored, b: Scored) => a.revenue > b.revenue || (a.revenue === b.revenue && a.customer_id < b.customer_id);
	if (best.length === limit && !beats(row, best[limit - 1]!)) return;
	let index = best.findIndex(other => beats(row, other));
	if (index === -1) index = best.length;
	best.splice(index, 0, row);
	if (best.length > limit) best.pop();
}

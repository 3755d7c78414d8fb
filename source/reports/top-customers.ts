import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {indexedBy} from '../store/engine-sql.js';
import {splitByMonths, wholePeriod, type ReportPeriod, type ReportRange} from './report-range.js';

export type TopCustomer = {currency: string; rank: number; customer_id: number; name: string; revenue: number; orders: number};

/** Below this many revenue orders in the range, summing them straight from the index is cheapest. */
export const scanLimit = 40_000;

type Ranked = {customer_id: number; revenue: number; orders: number};
type Options = {limit?: number; scanLimit?: number};

/**
 * The customers with the most revenue (won + paid) placed in the range, per currency.
 *
 * - One whole calendar month, quarter or year (what the Reports tab shows): read in order
 *   from the ranked index of `customer_monthly`, `customer_quarterly` or `customer_yearly`.
 * - Few revenue orders in the range: summed straight from a covering index of them.
 * - Otherwise customers are walked by lifetime revenue (`customer_revenue`, largest first),
 *   each one's revenue in the range summed from their monthly rollup rows (plus their orders
 *   on the days of a cut month), until the tenth best in the range has more than the
 *   lifetime revenue of the next customer in line: nobody further down can overtake it. If
 *   the walk has looked at as many customers as a scan would read orders, it scans instead,
 *   so the answer is always exact.
 */
export async function topCustomers(db: Db, range: ReportRange, currencies: string[], options: Options = {}): Promise<TopCustomer[]> {
	const limit = options.limit ?? 10;
	const perCurrency = await Promise.all(currencies.map(async currency => {
		const ranked = await rankCustomers(db, currency, range, limit, options.scanLimit ?? scanLimit);
		const ids = ranked.map(row => row.customer_id);
		const names = ids.length === 0 ? [] : await db.db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).execute();
		const nameOf = new Map(names.map(row => [row.id, row.name]));
		return ranked.map((row, index) => ({
			currency, rank: index + 1, customer_id: row.customer_id, revenue: Number(row.revenue), orders: Number(row.orders), name: nameOf.get(row.customer_id) ?? `#${row.customer_id}`,
		}));
	}));
	return perCurrency.flat();
}

async function rankCustomers(db: Db, currency: string, range: ReportRange, limit: number, scanBelow: number): Promise<Ranked[]> {
	const whole = wholePeriod(range);
	if (whole) return onePeriod(db, currency, whole, limit);
	const split = splitByMonths(range);
	const inRange = await revenueOrdersIn(db, currency, range);
	if (inRange <= scanBelow) return scanRange(db, currency, range, limit);
	return (await walkByLifetime(db, currency, split, limit, inRange)) ?? scanRange(db, currency, range, limit);
}

const rollups: Record<ReportPeriod, {table: string; column: string; index: string}> = {
	month: {table: 'customer_monthly', column: 'month', index: 'customer_monthly_ranked'},
	quarter: {table: 'customer_quarterly', column: 'quarter', index: 'customer_quarterly_ranked'},
	year: {table: 'customer_yearly', column: 'year', index: 'customer_yearly_ranked'},
};

async function onePeriod(db: Db, currency: string, whole: {period: ReportPeriod; key: string}, limit: number): Promise<Ranked[]> {
	const {table, column, index} = rollups[whole.period];
	return (await sql<Ranked>`
		SELECT customer_id, revenue, orders FROM ${sql.table(table)} ${indexedBy(db, index)}
		WHERE currency = ${currency} AND ${sql.ref(column)} = ${whole.key} AND revenue > 0 ORDER BY revenue DESC, customer_id LIMIT ${limit}`.execute(db.db)).rows;
}

async function revenueOrdersIn(db: Db, currency: string, range: ReportRange): Promise<number> {
	const found = await sql<{orders: number | null}>`
		SELECT sum(orders) AS orders FROM order_daily WHERE currency = ${currency} AND day BETWEEN ${range.from} AND ${range.to} AND status IN ('won', 'paid')`.execute(db.db);
	return Number(found.rows[0]?.orders ?? 0);
}

async function scanRange(db: Db, currency: string, range: ReportRange, limit: number): Promise<Ranked[]> {
	return (await sql<Ranked>`
		SELECT customer_id, sum(amount) AS revenue, count(*) AS orders FROM orders ${indexedBy(db, 'orders_revenue_by_day')}
		WHERE currency = ${currency} AND placed_at BETWEEN ${range.from} AND ${range.to} AND status IN ('won', 'paid')
		GROUP BY customer_id HAVING sum(amount) > 0 ORDER BY sum(amount) DESC, customer_id LIMIT ${limit}`.execute(db.db)).rows;
}

// An empty edge: a date range no order falls in.
const noDays = {from: '9', to: '0'};

async function walkByLifetime(db: Db, currency: string, split: ReturnType<typeof splitByMonths>, limit: number, budget: number): Promise<Ranked[] | undefined> {
	const [start = noDays, end = noDays] = split.edges;
	const firstMonth = split.months?.first ?? '9';
	const lastMonth = split.months?.last ?? '0';
	const inRange = (measure: 'revenue' | 'orders', customer: ReturnType<typeof sql>) => {
		const edge = (from: string, to: string) => sql`(SELECT ${sql.raw(measure === 'revenue' ? 'sum(amount)' : 'count(*)')} FROM orders ${indexedBy(db, 'orders_revenue_by_customer')}
			WHERE customer_id = ${customer} AND currency = ${currency} AND status IN ('won', 'paid') AND placed_at BETWEEN ${from} AND ${to})`;
		return sql`coalesce((SELECT sum(${sql.raw(measure)}) FROM customer_monthly WHERE customer_id = ${customer} AND currency = ${currency}
			AND month BETWEEN ${firstMonth} AND ${lastMonth}), 0) + coalesce(${edge(start.from, start.to)}, 0) + coalesce(${edge(end.from, end.to)}, 0)`;
	};
	// Each candidate with its lifetime revenue (the bound) and its revenue in the range.
	const candidates = async (after: {revenue: number; id: number}, chunk: number) => (await sql<{customer_id: number; lifetime: number; revenue: number}>`
		SELECT customer_id, revenue AS lifetime, ${inRange('revenue', sql.ref('r.customer_id'))} AS revenue
		FROM (SELECT customer_id, revenue FROM customer_revenue ${indexedBy(db, 'customer_revenue_ranked')}
		      WHERE currency = ${currency} AND revenue > 0 AND (revenue < ${after.revenue} OR (revenue = ${after.revenue} AND customer_id > ${after.id}))
		      ORDER BY revenue DESC, customer_id LIMIT ${chunk}) AS r`.execute(db.db)).rows.map(row => ({...row, lifetime: Number(row.lifetime), revenue: Number(row.revenue)}));
	const ordersOf = async (customer: number) => Number((await sql<{orders: number}>`SELECT ${inRange('orders', sql`${customer}`)} AS orders`.execute(db.db)).rows[0]?.orders ?? 0);
	const withOrders = async (rows: Scored[]) => Promise.all(rows.map(async row => ({...row, orders: await ordersOf(row.customer_id)})));
	const best: Scored[] = [];
	let after = {revenue: Number.MAX_SAFE_INTEGER, id: 0};
	let chunk = 16;
	for (let looked = 0; looked < budget; looked += chunk, chunk = Math.min(chunk * 2, 1024)) {
		const rows = await candidates(after, chunk);
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

import {sql} from 'kysely';
import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {createOrder, updateOrder} from '../../source/orders/orders.js';
import {insertOrderBatch} from '../../source/orders/order-bulk.js';
import {RollupChanges, rebuildRollups} from '../../source/orders/order-rollups.js';
import type {OrderFields} from '../../source/orders/order-fields.js';
import {mergeCustomers} from '../../source/duplicates/merge.js';
import {undoMerge} from '../../source/duplicates/merge-undo.js';
import {migrations} from '../../source/migrations.js';
import {topCustomers} from '../../source/reports/top-customers.js';
import {periodRange, type ReportPeriod, type ReportRange} from '../../source/reports/report-range.js';
import {openStore, type Db} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {emptyDatabaseTarget, engines, tempStore} from '../support/engines.js';

// The Reports tab's top ten for a whole quarter or year, checked against SQL over the orders
// table itself after every kind of write that moves revenue between customers, quarters and years.

const statuses = ['open', 'won', 'lost', 'paid', 'refunded'] as const;
const currencies = ['EUR', 'USD'] as const;

function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

/** Every quarter and year of 2025 and 2026, as the Reports tab's `[` `]` `p` reach them. */
const periods: Array<[ReportPeriod, ReportRange]> = [
	...[0, 1, 2, 3, 4, 5, 6, 7].map(step => ['quarter', periodRange('quarter', '2025-01-01', step)] as [ReportPeriod, ReportRange]),
	['year', periodRange('year', '2025-01-01')],
	['year', periodRange('year', '2026-01-01')],
];

/** The top ten straight from the orders table: the revenue (won + paid) of each customer placed in the range. */
async function countedFromOrders(db: Db, currency: string, range: ReportRange) {
	const rows = await sql<{customer_id: number; revenue: number; orders: number}>`
		SELECT customer_id, sum(amount) AS revenue, count(*) AS orders FROM orders
		WHERE currency = ${currency} AND status IN ('won', 'paid') AND placed_at >= ${range.from} AND placed_at <= ${range.to}
		GROUP BY customer_id HAVING sum(amount) > 0 ORDER BY sum(amount) DESC, customer_id LIMIT 10`.execute(db.db);
	return rows.rows.map((row, index) => ({currency, rank: index + 1, customer_id: Number(row.customer_id), revenue: Number(row.revenue), orders: Number(row.orders)}));
}

async function expectTopTensAsCounted(db: Db, when: string): Promise<void> {
	for (const [period, range] of periods) {
		for (const currency of currencies) {
			const expected = await countedFromOrders(db, currency, range);
			const shown = (await topCustomers(db, range, [currency])).map(({name: _name, ...row}) => row);
			expect(shown, `${when}: ${period} ${range.from}..${range.to} ${currency}`).toEqual(expected);
		}
	}
}

/** The quarter and year rollups hold exactly what the orders table sums to, no more rows. */
async function expectRollupsAsCounted(db: Db, when: string): Promise<void> {
	const key = (row: {customer_id: number; currency: string; period: string; revenue: number; orders: number}) =>
		`${row.customer_id} ${row.currency} ${row.period} ${row.revenue} ${row.orders}`;
	for (const [table, column, length] of [['customer_quarterly', 'quarter', 7], ['customer_yearly', 'year', 4]] as const) {
		const held = await sql<{customer_id: number; currency: string; period: string; revenue: number; orders: number}>`
			SELECT customer_id, currency, ${sql.ref(column)} AS period, revenue, orders FROM ${sql.table(table)}`.execute(db.db);
		const orders = await sql<{customer_id: number; currency: string; placed_at: string; amount: number}>`
			SELECT customer_id, currency, placed_at, amount FROM orders WHERE status IN ('won', 'paid')`.execute(db.db);
		const counted = new Map<string, {customer_id: number; currency: string; period: string; revenue: number; orders: number}>();
		for (const order of orders.rows) {
			const month = Number(order.placed_at.slice(5, 7));
			const period = length === 4 ? order.placed_at.slice(0, 4) : `${order.placed_at.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
			const name = `${order.customer_id} ${order.currency} ${period}`;
			const total = counted.get(name) ?? {customer_id: Number(order.customer_id), currency: order.currency, period, revenue: 0, orders: 0};
			total.revenue += Number(order.amount);
			total.orders++;
			counted.set(name, total);
		}
		expect(held.rows.map(row => key({...row, customer_id: Number(row.customer_id), revenue: Number(row.revenue), orders: Number(row.orders)})).sort(), `${when}: ${table}`)
			.toEqual([...counted.values()].map(key).sort());
	}
}

/** Days on both sides of each quarter's and year's boundary, and some in between. */
function dayNear(random: () => number): string {
	const edges = ['2025-03-31', '2025-04-01', '2025-06-30', '2025-07-01', '2025-09-30', '2025-10-01', '2025-12-31', '2026-01-01', '2026-03-31', '2026-04-01'];
	if (random() < 0.5) return edges[Math.floor(random() * edges.length)]!;
	return `${2025 + Math.floor(random() * 2)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
}

describe.each(engines)('top customers of a quarter and a year on %s', engine => {
	it('equal a count of the orders table after adds, edits across quarter and year boundaries, a bulk load, a merge and its undo, and a rebuild', async () => {
		const db = await tempStore(engine);
		const random = seeded(20251231);
		const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
		const customers: number[] = [];
		for (let index = 0; index < 30; index++) customers.push((await createCustomer(db, {name: `Customer ${index}`})).id);
		const amount = () => (random() < 0.05 ? 0 : Math.floor(random() * 100_000));
		const ids: number[] = [];
		for (let step = 0; step < 300; step++) {
			ids.push((await createOrder(db, {customer_id: pick(customers), amount: amount(), currency: pick(currencies), status: pick(statuses), placed_at: dayNear(random)})).id);
		}
		// More than ten customers with revenue in a quarter: the cut at ten is tested.
		expect((await countedFromOrders(db, 'EUR', periodRange('quarter', '2025-04-01'))).length).toBe(10);
		await expectTopTensAsCounted(db, 'after adds');
		await expectRollupsAsCounted(db, 'after adds');

		for (let step = 0; step < 150; step++) {
			const id = pick(ids);
			const change = pick(['status', 'amount', 'placed', 'customer', 'currency'] as const);
			await updateOrder(db, id, change === 'status' ? {status: pick(statuses), closed_at: null}
				: change === 'amount' ? {amount: amount()}
				: change === 'placed' ? {placed_at: dayNear(random), closed_at: null}
				: change === 'customer' ? {customer_id: pick(customers)}
				: {currency: pick([...currencies, 'GBP'])});
		}
		// One order walked across each boundary by hand: out of Q1 into Q2, out of 2025 into 2026.
		const walker = await createOrder(db, {customer_id: customers[0]!, amount: 5_000_000, currency: 'EUR', status: 'won', placed_at: '2025-03-31'});
		await expectTopTensAsCounted(db, 'big order on 2025-03-31');
		await updateOrder(db, walker.id, {placed_at: '2025-04-01'});
		await expectTopTensAsCounted(db, 'moved to 2025-04-01');
		await updateOrder(db, walker.id, {placed_at: '2025-12-31'});
		await updateOrder(db, walker.id, {placed_at: '2026-01-01'});
		await expectTopTensAsCounted(db, 'moved to 2026-01-01');
		await updateOrder(db, walker.id, {status: 'lost', closed_at: '2026-01-02'});
		await expectTopTensAsCounted(db, 'after edits');
		await expectRollupsAsCounted(db, 'after edits');

		// A bulk load (import, seed): rollup rows written hundreds to a statement.
		await db.write(async tx => {
			const rollups = new RollupChanges();
			const batch: OrderFields[] = Array.from({length: 1_200}, (_, index) => ({
				number: `BULK-${index}`, customer_id: pick(customers), status: pick(statuses), amount: amount(), currency: pick(currencies),
				placed_at: dayNear(random), closed_at: null, note: '',
			}));
			await insertOrderBatch(tx, batch, '2026-05-01T00:00:00.000Z', rollups);
			await rollups.apply(tx);
		});
		await expectTopTensAsCounted(db, 'after a bulk load');
		await expectRollupsAsCounted(db, 'after a bulk load');

		// A merge recomputes the customers' rollup rows (deleted and inserted again); its undo puts them back.
		const top = (await countedFromOrders(db, 'EUR', periodRange('year', '2025-01-01')))[0]!.customer_id;
		const other = customers.find(id => id !== top)!;
		const merge = await mergeCustomers(db, other, [top]);
		await expectTopTensAsCounted(db, 'after a merge');
		await expectRollupsAsCounted(db, 'after a merge');
		await undoMerge(db, merge.mergeId!);
		await expectTopTensAsCounted(db, 'after its undo');
		await expectRollupsAsCounted(db, 'after its undo');

		await rebuildRollups(db);
		await expectTopTensAsCounted(db, 'after a rebuild');
		await expectRollupsAsCounted(db, 'after a rebuild');
	});
});

describe.each(engines)('top customers of a quarter in a database from before the quarters were kept, on %s', engine => {
	it('are counted when it is upgraded', async () => {
		const target = await emptyDatabaseTarget(engine);
		const old = await openStore(databaseTarget(target), {migrations: migrations.filter(migration => migration.version <= 9), changePollMs: 0});
		const random = seeded(7);
		const customers: number[] = [];
		for (let index = 0; index < 15; index++) customers.push((await createCustomer(old, {name: `Customer ${index}`})).id);
		for (let step = 0; step < 200; step++) {
			await createOrder(old, {customer_id: customers[step % 15]!, amount: Math.floor(random() * 100_000), currency: currencies[step % 2]!, status: statuses[step % 5]!, placed_at: dayNear(random)});
		}
		await old.close();
		const upgraded = await openStore(databaseTarget(target), {migrations, changePollMs: 0});
		try {
			await expectRollupsAsCounted(upgraded, 'after the upgrade');
			await expectTopTensAsCounted(upgraded, 'after the upgrade');
		} finally {
			await upgraded.close();
		}
	});
});

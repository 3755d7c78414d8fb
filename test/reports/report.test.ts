import {describe, expect, it} from 'vitest';
import {sql} from 'kysely';
import {engines, tempStore} from '../support/engines.js';
import {buildReport} from '../../source/reports/report.js';
import {topCustomers} from '../../source/reports/top-customers.js';
import {rebuildRollups} from '../../source/orders/order-rollups.js';
import {calendarPiecesOf, splitByMonths} from '../../source/reports/report-range.js';
import {seedReportFixture} from './report-fixture.js';
import {createCustomer} from '../../source/customers/customers.js';
import {createOrder, updateOrder} from '../../source/orders/orders.js';
import type {Db} from '../../source/store/store.js';

// README: an order is open, won, lost, paid or refunded; revenue is won and paid orders.
const statuses = ['open', 'won', 'lost', 'paid', 'refunded'] as const;
const revenueStatuses = new Set(['won', 'paid']);

/** A small deterministic random source, so a failure can be replayed. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

/** The report's money figures counted from the orders table row by row, in plain JavaScript. */
async function byHand(db: Db, from: string, to: string) {
	const orders = (await db.db.selectFrom('orders').select(['customer_id', 'status', 'amount', 'currency', 'placed_at']).execute())
		.filter(order => order.placed_at >= from && order.placed_at <= to);
	const currencies = [...new Set(orders.map(order => order.currency))].sort();
	const months: string[] = [];
	for (let month = from.slice(0, 7); month <= to.slice(0, 7);) {
		months.push(month);
		const [year, number] = month.split('-').map(Number) as [number, number];
		month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
	}
	const sum = (rows: typeof orders) => rows.reduce((total, order) => total + order.amount, 0);
	const revenue = currencies.flatMap(currency => months.map(month => {
		const rows = orders.filter(order => order.currency === currency && order.placed_at.startsWith(month) && revenueStatuses.has(order.status));
		return {currency, month, revenue: sum(rows), orders: rows.length};
	}));
	const pipeline = currencies.flatMap(currency => statuses.map(status => {
		const rows = orders.filter(order => order.currency === currency && order.status === status);
		return {currency, status, orders: rows.length, value: sum(rows)};
	}));
	const top = currencies.flatMap(currency => {
		const byCustomer = new Map<number, {revenue: number; orders: number}>();
		for (const order of orders) {
			if (order.currency !== currency || !revenueStatuses.has(order.status)) continue;
			const total = byCustomer.get(order.customer_id) ?? {revenue: 0, orders: 0};
			total.revenue += order.amount;
			total.orders++;
			byCustomer.set(order.customer_id, total);
		}
		return [...byCustomer].filter(([, total]) => total.revenue > 0)
			.sort(([a, x], [b, y]) => y.revenue - x.revenue || a - b)
			.slice(0, 10)
			.map(([customer_id, total], index) => ({currency, rank: index + 1, customer_id, ...total}));
	});
	return {currencies, revenue, pipeline, top};
}

const range = {from: '2026-01-01', to: '2026-04-30'};

describe.each(engines)('report figures on the hand-computed fixture on %s', engine => {
	it('revenue by month: won + paid per UTC month and currency, empty months 0', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		const {report} = await buildReport(db, range);
		expect(report.currencies).toEqual(['EUR', 'GBP', 'USD']);
		const revenue = (currency: string) => report.revenue_by_month.filter(row => row.currency === currency).map(row => [row.month, row.revenue]);
		// EUR: Jan 100.00 + 50.50 (23:30Z stays in January); Feb 200.00 (23:30 at -02:00 is 1 Feb UTC);
		// March only an open order; the refunded and lost orders never count.
		expect(revenue('EUR')).toEqual([['2026-01', 15050], ['2026-02', 20000], ['2026-03', 0], ['2026-04', 50000]]);
		// USD: R-9 at 00:00+01:00 on 1 Jan is 31 Dec UTC, outside the range.
		expect(revenue('USD')).toEqual([['2026-01', 0], ['2026-02', 1000], ['2026-03', 0], ['2026-04', 123456]]);
		expect(revenue('GBP')).toEqual([['2026-01', 0], ['2026-02', 0], ['2026-03', 1], ['2026-04', 0]]);
	});

	it('top customers per currency, by revenue in the range', async () => {
		const db = await tempStore(engine);
		const ids = await seedReportFixture(db);
		const {report} = await buildReport(db, range);
		const top = (currency: string) => report.top_customers.filter(row => row.currency === currency).map(row => [row.rank, row.name, row.revenue, row.orders]);
		expect(top('EUR')).toEqual([[1, 'Di Fosse', 50000, 1], [2, 'Bo Diddley', 20000, 1], [3, 'Ada Lovelace', 15050, 2]]);
		expect(top('USD')).toEqual([[1, 'Di Fosse', 123456, 1], [2, 'Ada Lovelace', 1000, 1]]);
		expect(top('GBP')).toEqual([[1, 'Cy Twombly', 1, 1]]);
		expect(report.top_customers[0]!.customer_id).toBe(ids.di);
	});

	it('the lifetime walk and the range scan agree on every range', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		for (const [from, to] of [['2025-01-01', '2026-12-31'], ['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-04-30'], ['2026-03-01', '2026-03-31'],
			['2026-01-06', '2026-04-01'], ['2026-01-31', '2026-02-01'], ['2026-01-02', '2026-02-28']] as const) {
			const scanned = await topCustomers(db, {from, to}, ['EUR', 'USD', 'GBP'], {limit: 2});
			const walked = await topCustomers(db, {from, to}, ['EUR', 'USD', 'GBP'], {limit: 2, scanLimit: -1});
			expect(walked).toEqual(scanned);
		}
	});

	it('pipeline: count and value of every status per currency', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		const {report} = await buildReport(db, range, 'EUR');
		expect(report.pipeline.map(row => [row.status, row.orders, row.value])).toEqual([
			['open', 1, 30000], ['won', 2, 55050], ['lost', 1, 99999], ['paid', 2, 30000], ['refunded', 1, 7500],
		]);
		expect(report.currencies).toEqual(['EUR']);
		expect(new Set(report.revenue_by_month.map(row => row.currency))).toEqual(new Set(['EUR']));
	});

	it('new customers per UTC month and interactions by kind', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		const {report} = await buildReport(db, range);
		expect(report.new_customers_by_month).toEqual([
			{month: '2026-01', customers: 2}, {month: '2026-02', customers: 1}, {month: '2026-03', customers: 0}, {month: '2026-04', customers: 1},
		]);
		const kinds = Object.fromEntries(report.interactions_by_kind.map(row => [row.kind, row.interactions]));
		expect(kinds).toEqual({email: 1, sms: 0, call: 2, note: 0, ticket: 0, robot: 0});
	});

	it('robots: finished jobs per robot and the median run time', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		const {report} = await buildReport(db, range);
		expect(report.robots).toEqual([
			{robot: 'invoice', succeeded: 2, failed: 1, median_ms: 2000},
			{robot: 'welcome', succeeded: 1, failed: 0, median_ms: 500},
		]);
	});

	it('a range that cuts a month counts only its days', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		const {report} = await buildReport(db, {from: '2026-01-06', to: '2026-02-01'}, 'EUR');
		expect(report.revenue_by_month.map(row => row.revenue)).toEqual([5050, 20000]);
		expect(report.new_customers_by_month.map(row => row.customers)).toEqual([2, 1]);
	});

	it('after hundreds of random adds and edits, every money figure equals a count of the orders table done by hand', async () => {
		const db = await tempStore(engine);
		const random = seeded(20260101);
		const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
		const customers: number[] = [];
		for (let index = 0; index < 14; index++) customers.push((await createCustomer(db, {name: `Customer ${index}`})).id);
		const day = () => `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
		const amount = () => (random() < 0.05 ? 0 : Math.floor(random() * 100_000));
		const ids: number[] = [];
		for (let step = 0; step < 400; step++) {
			if (ids.length === 0 || random() < 0.55) {
				ids.push((await createOrder(db, {customer_id: pick(customers), amount: amount(), currency: pick(['EUR', 'USD']), status: pick(statuses), placed_at: day()})).id);
				continue;
			}
			const id = pick(ids);
			const change = pick(['status', 'amount', 'placed', 'customer', 'currency'] as const);
			await updateOrder(db, id, change === 'status' ? {status: pick(statuses), closed_at: null}
				: change === 'amount' ? {amount: amount()}
				: change === 'placed' ? {placed_at: day(), closed_at: null}
				: change === 'customer' ? {customer_id: pick(customers)}
				: {currency: pick(['EUR', 'USD', 'GBP'])});
		}
		const ranges = [['2025-01-01', '2025-12-31'], ['2025-03-01', '2025-03-31'], ['2025-02-10', '2025-07-20'], ['2025-06-15', '2025-06-15'], ['2024-12-01', '2025-01-31']] as const;
		const check = async () => {
			for (const [from, to] of ranges) {
				const {report} = await buildReport(db, {from, to});
				const expected = await byHand(db, from, to);
				expect(report.currencies, `${from}..${to}`).toEqual(expected.currencies);
				expect(report.revenue_by_month, `${from}..${to}`).toEqual(expected.revenue);
				expect(report.pipeline, `${from}..${to}`).toEqual(expected.pipeline);
				expect(report.top_customers.map(({name: _name, ...row}) => row), `${from}..${to}`).toEqual(expected.top);
				// The walk by lifetime revenue must find the same ten as a scan.
				const walked = await topCustomers(db, {from, to}, expected.currencies, {scanLimit: -1});
				expect(walked.map(({name: _name, ...row}) => row), `walk ${from}..${to}`).toEqual(expected.top);
			}
		};
		await check();
		// A customer whose only revenue order is 0.00 earned nothing: in no top list, on any path.
		const zero = (await createCustomer(db, {name: 'Zero'})).id;
		await createOrder(db, {customer_id: zero, amount: 0, status: 'paid', placed_at: '2025-06-15', currency: 'CHF'});
		for (const range of [{from: '2025-06-01', to: '2025-06-30'}, {from: '2025-06-15', to: '2025-06-15'}]) {
			expect((await buildReport(db, range, 'CHF')).report.top_customers).toEqual([]);
			expect(await topCustomers(db, range, ['CHF'], {scanLimit: -1})).toEqual([]);
		}
		await check();
		// The repair tool rebuilds the same figures.
		await rebuildRollups(db);
		await check();
	});

	it('splits a range into whole UTC months and cut days', () => {
		expect(splitByMonths({from: '2026-01-15', to: '2026-03-10'})).toEqual({
			months: {first: '2026-02', last: '2026-02'},
			edges: [{from: '2026-01-15', to: '2026-01-31'}, {from: '2026-03-01', to: '2026-03-10'}],
		});
		expect(splitByMonths({from: '2026-01-01', to: '2026-12-31'})).toEqual({months: {first: '2026-01', last: '2026-12'}, edges: []});
		expect(splitByMonths({from: '2026-01-31', to: '2026-02-01'})).toEqual({edges: [{from: '2026-01-31', to: '2026-02-01'}]});
		expect(splitByMonths({from: '2024-02-01', to: '2024-02-29'})).toEqual({months: {first: '2024-02', last: '2024-02'}, edges: []});
	});

	it('covers whole months with the fewest calendar years, quarters and months', () => {
		expect(calendarPiecesOf({first: '2025-12', last: '2026-11'})).toEqual({years: [], quarters: ['2026-Q1', '2026-Q2', '2026-Q3'], months: ['2025-12', '2026-10', '2026-11']});
		expect(calendarPiecesOf({first: '2025-01', last: '2026-12'})).toEqual({years: ['2025', '2026'], quarters: [], months: []});
		expect(calendarPiecesOf({first: '2024-10', last: '2026-02'})).toEqual({years: ['2025'], quarters: ['2024-Q4'], months: ['2026-01', '2026-02']});
		expect(calendarPiecesOf({first: '2026-02', last: '2026-04'})).toEqual({years: [], quarters: [], months: ['2026-02', '2026-03', '2026-04']});
	});

	it('robots: cut days read from jobs, a retried job counts once, run times to two significant digits', async () => {
		const db = await tempStore(engine);
		await seedReportFixture(db);
		const invoice = async () => (await buildReport(db, {from: '2026-02-02', to: '2026-03-02'})).report.robots.find(row => row.robot === 'invoice');
		expect(await invoice()).toEqual({robot: 'invoice', succeeded: 1, failed: 1, median_ms: 2500});
		const failed = (await sql<{id: number}>`SELECT id FROM jobs WHERE status = 'failed'`.execute(db.db)).rows[0]!.id;
		await sql`UPDATE jobs SET status = 'queued', finished_at = NULL WHERE id = ${failed}`.execute(db.db);
		await sql`UPDATE jobs SET status = 'succeeded', started_at = '2026-03-02T11:00:00.000Z', finished_at = '2026-03-02T11:00:01.234Z' WHERE id = ${failed}`.execute(db.db);
		expect(await invoice()).toEqual({robot: 'invoice', succeeded: 2, failed: 0, median_ms: 2100});
		const whole = (await buildReport(db, {from: '2026-01-01', to: '2026-03-31'})).report.robots.find(row => row.robot === 'invoice');
		// 1.0 s, 1.2 s (1.234 s to two digits) and 3.0 s.
		expect(whole).toEqual({robot: 'invoice', succeeded: 3, failed: 0, median_ms: 1200});
	});
});

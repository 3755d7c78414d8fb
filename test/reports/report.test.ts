import {describe, expect, it} from 'vitest';
import {tempDatabase} from '../support/temp-db.js';
import {buildReport} from '../../source/reports/report.js';
import {topCustomers} from '../../source/reports/top-customers.js';
import {rebuildRollups} from '../../source/orders/order-rollups.js';
import {splitByMonths} from '../../source/reports/report-range.js';
import {seedReportFixture} from './report-fixture.js';

const range = {from: '2026-01-01', to: '2026-04-30'};

describe('report figures on the hand-computed fixture', () => {
	it('revenue by month: won + paid per UTC month and currency, empty months 0', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const {report} = buildReport(db, range);
		expect(report.currencies).toEqual(['EUR', 'GBP', 'USD']);
		const revenue = (currency: string) => report.revenue_by_month.filter(row => row.currency === currency).map(row => [row.month, row.revenue]);
		// EUR: Jan 100.00 + 50.50 (23:30Z stays in January); Feb 200.00 (23:30 at -02:00 is 1 Feb UTC);
		// March only an open order; the refunded and lost orders never count.
		expect(revenue('EUR')).toEqual([['2026-01', 15050], ['2026-02', 20000], ['2026-03', 0], ['2026-04', 50000]]);
		// USD: R-9 at 00:00+01:00 on 1 Jan is 31 Dec UTC, outside the range.
		expect(revenue('USD')).toEqual([['2026-01', 0], ['2026-02', 1000], ['2026-03', 0], ['2026-04', 123456]]);
		expect(revenue('GBP')).toEqual([['2026-01', 0], ['2026-02', 0], ['2026-03', 1], ['2026-04', 0]]);
	});

	it('top customers per currency, by revenue in the range', () => {
		const {db} = tempDatabase();
		const ids = seedReportFixture(db);
		const {report} = buildReport(db, range);
		const top = (currency: string) => report.top_customers.filter(row => row.currency === currency).map(row => [row.rank, row.name, row.revenue, row.orders]);
		expect(top('EUR')).toEqual([[1, 'Di Fosse', 50000, 1], [2, 'Bo Diddley', 20000, 1], [3, 'Ada Lovelace', 15050, 2]]);
		expect(top('USD')).toEqual([[1, 'Di Fosse', 123456, 1], [2, 'Ada Lovelace', 1000, 1]]);
		expect(top('GBP')).toEqual([[1, 'Cy Twombly', 1, 1]]);
		expect(report.top_customers[0]!.customer_id).toBe(ids.di);
	});

	it('the lifetime walk and the range scan agree on every range', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		for (const [from, to] of [['2025-01-01', '2026-12-31'], ['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-04-30'], ['2026-03-01', '2026-03-31'],
			['2026-01-06', '2026-04-01'], ['2026-01-31', '2026-02-01'], ['2026-01-02', '2026-02-28']] as const) {
			const scanned = topCustomers(db, {from, to}, ['EUR', 'USD', 'GBP'], {limit: 2});
			const walked = topCustomers(db, {from, to}, ['EUR', 'USD', 'GBP'], {limit: 2, scanLimit: -1});
			expect(walked).toEqual(scanned);
		}
	});

	it('pipeline: count and value of every status per currency', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const {report} = buildReport(db, range, 'EUR');
		expect(report.pipeline.map(row => [row.status, row.orders, row.value])).toEqual([
			['open', 1, 30000], ['won', 2, 55050], ['lost', 1, 99999], ['paid', 2, 30000], ['refunded', 1, 7500],
		]);
		expect(report.currencies).toEqual(['EUR']);
		expect(new Set(report.revenue_by_month.map(row => row.currency))).toEqual(new Set(['EUR']));
	});

	it('new customers per UTC month and interactions by kind', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const {report} = buildReport(db, range);
		expect(report.new_customers_by_month).toEqual([
			{month: '2026-01', customers: 2}, {month: '2026-02', customers: 1}, {month: '2026-03', customers: 0}, {month: '2026-04', customers: 1},
		]);
		const kinds = Object.fromEntries(report.interactions_by_kind.map(row => [row.kind, row.interactions]));
		expect(kinds).toEqual({email: 1, sms: 0, call: 2, note: 0, ticket: 0, robot: 0});
	});

	it('robots: finished jobs per robot and the median run time', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const {report} = buildReport(db, range);
		expect(report.robots).toEqual([
			{robot: 'invoice', succeeded: 2, failed: 1, median_ms: 2000},
			{robot: 'welcome', succeeded: 1, failed: 0, median_ms: 500},
		]);
	});

	it('a range that cuts a month counts only its days', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const {report} = buildReport(db, {from: '2026-01-06', to: '2026-02-01'}, 'EUR');
		expect(report.revenue_by_month.map(row => row.revenue)).toEqual([5050, 20000]);
		expect(report.new_customers_by_month.map(row => row.customers)).toEqual([2, 1]);
	});

	it('rollups kept by the order functions match a rebuild from the orders table', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const dump = () => [
			db.prepare('SELECT * FROM order_daily WHERE orders <> 0 ORDER BY 1, 2, 3').all(),
			db.prepare('SELECT * FROM customer_revenue WHERE orders <> 0 ORDER BY 1, 2').all(),
			db.prepare('SELECT * FROM customer_monthly WHERE orders <> 0 ORDER BY 1, 2, 3').all(),
		];
		const kept = dump();
		rebuildRollups(db);
		expect(dump()).toEqual(kept);
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

	it('robots: cut days read from jobs, a retried job counts once, run times to two significant digits', () => {
		const {db} = tempDatabase();
		seedReportFixture(db);
		const invoice = () => buildReport(db, {from: '2026-02-02', to: '2026-03-02'}).report.robots.find(row => row.robot === 'invoice');
		expect(invoice()).toEqual({robot: 'invoice', succeeded: 1, failed: 1, median_ms: 2500});
		const failed = db.prepare("SELECT id FROM jobs WHERE status = 'failed'").pluck().get() as number;
		db.prepare("UPDATE jobs SET status = 'queued', finished_at = NULL WHERE id = ?").run(failed);
		db.prepare("UPDATE jobs SET status = 'succeeded', started_at = '2026-03-02T11:00:00.000Z', finished_at = '2026-03-02T11:00:01.234Z' WHERE id = ?").run(failed);
		expect(invoice()).toEqual({robot: 'invoice', succeeded: 2, failed: 0, median_ms: 2100});
		const whole = buildReport(db, {from: '2026-01-01', to: '2026-03-31'}).report.robots.find(row => row.robot === 'invoice');
		// 1.0 s, 1.2 s (1.234 s to two digits) and 3.0 s.
		expect(whole).toEqual({robot: 'invoice', succeeded: 3, failed: 0, median_ms: 1200});
	});
});

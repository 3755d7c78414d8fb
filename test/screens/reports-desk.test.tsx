import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {dbOf, tempDatabase, tempFolder} from '../support/temp-db.js';
import {addJob, seedReportFixture} from '../reports/report-fixture.js';
import {lineWith, renderDesk} from './desk-harness.js';
import {createCustomer} from '../../source/customers/customers.js';
import {insertOrderBatch} from '../../source/orders/order-bulk.js';
import {RollupChanges} from '../../source/orders/order-rollups.js';
import {todayUtc} from '../../source/orders/order-fields.js';
import {describeRange, periodRange} from '../../source/reports/report-range.js';
import type {Db} from '../../source/store/store.js';

const saved = {exportDir: process.env.OPSDESK_EXPORT_DIR, currency: process.env.OPSDESK_CURRENCY};
afterEach(() => {
	for (const [name, value] of [['OPSDESK_EXPORT_DIR', saved.exportDir], ['OPSDESK_CURRENCY', saved.currency]] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

/** Where `text` ends on `line`, counting from the `nth` time it appears (0: the first). */
function rightEdge(line: string, text: string, nth = 0): number {
	let at = -1;
	for (let seen = 0; seen <= nth; seen++) at = line.indexOf(text, at + 1);
	expect(at, `${text} on ${line}`).toBeGreaterThanOrEqual(0);
	return at + text.length;
}

/**
 * This month, by the desk's clock: 1,200 paid orders of 12.34 USD from one customer, and
 * 1,000 jobs of one robot that ran an hour each.
 */
async function seedThousands(db: Db, today: string): Promise<void> {
	const buyer = (await createCustomer(db, {name: 'Big Buyer', email: 'big@example.com'})).id;
	await db.write(async tx => {
		const rollups = new RollupChanges();
		const orders = Array.from({length: 1200}, (_, index) => ({
			number: `BIG-${index}`, customer_id: buyer, status: 'paid' as const, amount: 1234, currency: 'USD', placed_at: today, closed_at: today, note: '',
		}));
		await insertOrderBatch(tx, orders, `${today}T00:00:00.000Z`, rollups);
		await rollups.apply(tx);
		for (let job = 0; job < 1000; job++) await addJob(tx, 'nightly', 'succeeded', `${today}T00:00:00.000Z`, `${today}T01:00:00.000Z`);
	});
}

/** The desk on the report fixture, on the Reports tab with its figures drawn, and the day it reports on. */
async function reportsOnFixture() {
	const {db, file} = tempDatabase();
	await seedReportFixture(dbOf(db));
	const desk = await renderDesk(db, file, {columns: 110, rows: 40});
	await desk.press('3');
	await desk.waitFor('top customers');
	return {desk, today: todayUtc()};
}

describe('Reports tab in the desk', () => {
	it('opens with 3, lists its keys in the footer and the help overlay, and moves with [ and ]', async () => {
		const {db, file} = tempDatabase();
		await seedReportFixture(dbOf(db));
		const desk = await renderDesk(db, file, {columns: 110, rows: 40});
		await desk.press('3');
		let frame = await desk.waitFor('top customers');
		expect(frame).toMatch(/\[ earlier\s+\] later\s+p period\s+c currency\s+x export/);
		const title = frame.split('\n').find(line => /^ \d{4}-\d{2} {2}month/.test(line));
		expect(title).toBeDefined();
		await desk.press('[');
		await desk.waitFor(text => !text.includes(title!));
		await desk.press('?');
		frame = await desk.waitFor('Cycle the period: month, quarter, year');
		expect(frame).toContain('Move the date range back one period');
	});

	it('p keeps the period on screen: three months back, then p, is the quarter holding that month', async () => {
		const {desk, today} = await reportsOnFixture();
		await desk.press('[', '[', '[', 'p');
		const month = periodRange('month', today, -3).from;
		// The quarter whose range holds that month's first day, found by walking back from today's.
		let quarter = 0;
		while (periodRange('quarter', today, quarter).from > month) quarter--;
		const title = describeRange(periodRange('quarter', today, quarter));
		const frame = await desk.waitFor(text => text.includes(`${title}  quarter`));
		expect(frame).toContain(`${title}  quarter`);
		desk.unmount();
	});

	it('x exports beside the database, or into OPSDESK_EXPORT_DIR when it is set, and says where', async () => {
		process.env.OPSDESK_CURRENCY = 'EUR';
		const {db, file, folder} = tempDatabase();
		await seedReportFixture(dbOf(db));
		delete process.env.OPSDESK_EXPORT_DIR;
		let desk = await renderDesk(db, file, {columns: 110, rows: 40});
		await desk.press('3');
		await desk.waitFor('top customers');
		await desk.press('x');
		const beside = path.join(folder, 'exports');
		await desk.waitFor(`exported to ${beside}`);
		const files = fs.readdirSync(beside).sort();
		expect(files).toHaveLength(2);
		expect(files[0]).toMatch(/^report-\d{4}-\d{2}-EUR\.csv$/);
		expect(fs.statSync(path.join(beside, files[0]!)).mode & 0o777).toBe(0o600);
		desk.unmount();

		const chosen = path.join(tempFolder(), 'monthly reports');
		process.env.OPSDESK_EXPORT_DIR = chosen;
		desk = await renderDesk(db, file, {columns: 110, rows: 40});
		await desk.press('3');
		await desk.waitFor('top customers');
		await desk.press('x');
		await desk.waitFor(`exported to ${chosen}`);
		expect(fs.readdirSync(chosen).sort()).toEqual(files);
		expect(fs.readdirSync(beside).sort()).toEqual(files);
	});

	it('writes counts and money with thousands separators, right-aligned, while the CSV export keeps plain digits', async () => {
		process.env.OPSDESK_CURRENCY = 'USD';
		const {db, file, folder} = tempDatabase();
		const today = todayUtc();
		await seedThousands(dbOf(db), today);
		delete process.env.OPSDESK_EXPORT_DIR;
		const desk = await renderDesk(db, file, {columns: 110, rows: 40});
		await desk.press('3');
		const frame = await desk.waitFor('top customers');
		expect(frame).toContain('revenue by month (tallest 14,808.00 USD)');
		expect(lineWith(frame, 'orders placed')).toContain('open pipeline 0.00 USD (0 orders)   orders placed 1,200   new customers 1');
		expect(lineWith(frame, 'revenue ')).toContain(`revenue ${describeRange(periodRange('month', today))} 14,808.00 USD`);
		// The three tables side by side: top customers, pipeline, robots; a header line, then the rows.
		const row = lineWith(frame, 'Big Buyer')!;
		expect(row).toMatch(/^ 1 +Big Buyer +14,808\.00 +1,200 +open +0 +0\.00 +nightly +1,000 +0 +3,600\.0s$/);
		const paid = lineWith(frame, ' paid ')!;
		expect(paid).toMatch(/ paid +1,200 +14,808\.00$/);
		const header = frame.split('\n')[frame.split('\n').indexOf(row) - 1]!;
		// Numbers stand right-aligned under their column's title, however wide the separators make them.
		expect(rightEdge(header, 'revenue')).toBe(rightEdge(row, '14,808.00'));
		expect(rightEdge(header, 'orders')).toBe(rightEdge(row, '1,200'));
		expect(rightEdge(header, 'orders', 1)).toBe(rightEdge(paid, '1,200'));
		expect(rightEdge(header, 'value')).toBe(rightEdge(paid, '14,808.00'));
		expect(rightEdge(header, 'ok')).toBe(rightEdge(row, '1,000'));
		expect(rightEdge(header, 'median')).toBe(rightEdge(row, '3,600.0s'));

		await desk.press('x');
		await desk.waitFor('exported to');
		const exports = path.join(folder, 'exports');
		const csv = fs.readFileSync(path.join(exports, fs.readdirSync(exports).find(name => name.endsWith('.csv'))!), 'utf8');
		expect(csv).toContain(',USD,orders placed,value,1200\n');
		expect(csv).toContain(',USD,paid,orders,1200\n');
		expect(csv).toContain(',USD,paid,value,14808.00\n');
		expect(csv).toContain('robots,,nightly,succeeded,1000\n');
		expect(csv).not.toMatch(/\d,\d{3}/);
		// The Markdown export's headline reads as the screen's does.
		const markdown = fs.readFileSync(path.join(exports, fs.readdirSync(exports).find(name => name.endsWith('.md'))!), 'utf8');
		expect(markdown).toContain('- orders placed: 1,200\n');
		desk.unmount();
	});

	it('] stops at the period holding today, month, quarter and year alike, and says so; [ still goes back', async () => {
		const {desk, today} = await reportsOnFixture();
		for (const [period, key] of [['month', undefined], ['quarter', 'p'], ['year', 'p']] as const) {
			if (key) await desk.press(key);
			const current = describeRange(periodRange(period, today));
			const earlier = describeRange(periodRange(period, today, -1));
			const title = (frame: string) => frame.split('\n').find(line => line.includes(`  ${period} · `))?.trim().split('  ')[0];
			expect(title(await desk.waitFor(frame => title(frame) === current))).toBe(current);
			await desk.press(']');
			let frame = await desk.waitFor(`no later ${period}: ${current} holds today`);
			expect(title(frame)).toBe(current);
			// Pressed again, still there: no empty future periods.
			await desk.press(']');
			frame = await desk.waitFor(`no later ${period}: ${current} holds today`);
			expect(title(frame)).toBe(current);
			await desk.press('[');
			frame = await desk.waitFor(text => title(text) === earlier);
			expect(frame).not.toContain('no later');
			await desk.press(']');
			frame = await desk.waitFor(text => title(text) === current);
			expect(frame).not.toContain('no later');
		}
		desk.unmount();
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {dbOf, tempDatabase, tempFolder} from '../support/temp-db.js';
import {seedReportFixture} from '../reports/report-fixture.js';
import {renderDesk} from './desk-harness.js';

const saved = {exportDir: process.env.OPSDESK_EXPORT_DIR, currency: process.env.OPSDESK_CURRENCY};
afterEach(() => {
	for (const [name, value] of [['OPSDESK_EXPORT_DIR', saved.exportDir], ['OPSDESK_CURRENCY', saved.currency]] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

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
});

import {describe, expect, it} from 'vitest';
import {tempDatabase} from '../support/temp-db.js';
import {seedReportFixture} from '../reports/report-fixture.js';
import {renderDesk} from './desk-harness.js';

describe('Reports tab in the desk', () => {
	it('opens with 3, lists its keys in the footer and the help overlay, and moves with [ and ]', async () => {
		const {db, file} = tempDatabase();
		seedReportFixture(db);
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
});

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import type {Database} from 'better-sqlite3';
import {dbOf, tempDatabase, tempFolder} from '../support/temp-db.js';
import {seedReportFixture} from '../reports/report-fixture.js';
import {ReportsScreen} from '../../source/screens/reports.js';
import {DeskProvider, type Desk} from '../../source/components/desk-context.js';
import {DataChanges} from '../../source/hooks/data-changes.js';
import {KeyProvider} from '../../source/keys/use-key-layer.js';
import {KeyRegistry} from '../../source/keys/registry.js';

const previousCurrency = process.env.OPSDESK_CURRENCY;
afterEach(() => {
	if (previousCurrency === undefined) delete process.env.OPSDESK_CURRENCY;
	else process.env.OPSDESK_CURRENCY = previousCurrency;
});

function renderReports(db: Database, exportFolder: string) {
	const messages: string[] = [];
	const changes = new DataChanges();
	const desk: Desk = {
		db: dbOf(db), databasePath: db.name, color: false,
		notify: text => messages.push(text),
		report: error => messages.push(String(error)),
		changed: changes.changed,
		changes,
		deferMs: 0,
	};
	const registry = new KeyRegistry();
	const app = render(
		<DeskProvider value={desk}>
			<KeyProvider registry={registry} onError={error => messages.push(String(error))}>
				<ReportsScreen width={100} height={40} active today="2026-04-15" exportFolder={exportFolder} />
			</KeyProvider>
		</DeskProvider>,
	);
	return {app, messages};
}

/** Waits until the frame shows what a key press should lead to (no fixed sleeps, no timing asserted). */
async function frameWith(app: ReturnType<typeof render>, text: string): Promise<string> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const frame = app.lastFrame() ?? '';
		if (frame.includes(text)) return frame;
		await new Promise(resolve => setTimeout(resolve, 10));
	}
	throw new Error(`the frame never showed "${text}":\n${app.lastFrame()}`);
}

async function press(app: ReturnType<typeof render>, key: string, expected: string): Promise<string> {
	app.stdin.write(key);
	return frameWith(app, expected);
}

describe('Reports tab', () => {
	it('range and currency keys change the figures shown', async () => {
		process.env.OPSDESK_CURRENCY = 'USD';
		const {db} = tempDatabase();
		await seedReportFixture(dbOf(db));
		const {app, messages} = renderReports(db, tempFolder());
		// April 2026 in dollars: Di's 1,234.56 (placed 23:59:59Z on 30 April), nothing in March.
		let frame = await frameWith(app, 'revenue 2026-04 1,234.56 USD');
		expect(frame).toContain('revenue 2026-03 0.00 USD');
		expect(frame).toContain('Di Fosse');

		frame = await press(app, 'c', 'revenue 2026-04 500.00 EUR   revenue 2026-03 0.00 EUR');
		expect(frame).toContain('open pipeline 300.00 EUR (1 orders)');

		frame = await press(app, '[', 'revenue 2026-03 0.00 EUR   revenue 2026-02 200.00 EUR');
		expect(frame).toContain('no revenue in this period');

		frame = await press(app, '[', 'revenue 2026-02 200.00 EUR   revenue 2026-01 150.50 EUR');
		expect(frame).toContain('Bo Diddley');

		// p keeps the period on screen: February is in the first quarter, shown against the last of 2025.
		await press(app, 'p', 'revenue 2026 Q1 350.50 EUR   revenue 2025 Q4 0.00 EUR');

		await press(app, 'p', 'revenue 2026 850.50 EUR   revenue 2025 0.00 EUR');
		// 2026 holds today: ] says there is no later year and stays; [ goes back.
		app.stdin.write(']');
		for (let attempt = 0; attempt < 200 && messages.length === 0; attempt++) await new Promise(resolve => setTimeout(resolve, 10));
		expect(messages).toEqual(['no later year: 2026 holds today']);
		expect(app.lastFrame()).toContain('revenue 2026 850.50 EUR   revenue 2025 0.00 EUR');
		await press(app, '[', 'revenue 2025 0.00 EUR   revenue 2024 0.00 EUR');
		app.unmount();
	});

	it('x writes what is on screen to CSV and Markdown and says where', async () => {
		// The currency it starts on comes from the environment: fixed here, whatever the machine has.
		process.env.OPSDESK_CURRENCY = 'USD';
		const {db} = tempDatabase();
		await seedReportFixture(dbOf(db));
		const folder = tempFolder();
		const {app, messages} = renderReports(db, folder);
		await frameWith(app, 'revenue 2026-04');
		app.stdin.write('x');
		for (let attempt = 0; attempt < 200 && messages.length === 0; attempt++) await new Promise(resolve => setTimeout(resolve, 10));
		const csv = path.join(folder, 'report-2026-04-USD.csv');
		const markdown = path.join(folder, 'report-2026-04-USD.md');
		expect(messages).toEqual([`exported to ${csv} and ${markdown}`]);
		expect(fs.readFileSync(csv, 'utf8')).toContain('revenue_by_month,USD,2026-04,revenue,1234.56');
		expect(fs.readFileSync(markdown, 'utf8')).toContain('| 2026-04 | USD | 1234.56 | 1 |');
		app.unmount();
	});
});

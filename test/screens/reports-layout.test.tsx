import {afterEach, describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {dbOf, tempDatabase} from '../support/temp-db.js';
import {addJob, seedReportFixture} from '../reports/report-fixture.js';
import {ReportsScreen} from '../../source/screens/reports.js';
import {DeskProvider, type Desk} from '../../source/components/desk-context.js';
import {DataChanges} from '../../source/hooks/data-changes.js';
import {KeyProvider} from '../../source/keys/use-key-layer.js';
import {KeyRegistry} from '../../source/keys/registry.js';
import type {Db} from '../../source/store/store.js';

// The Reports tab draws inside its box whatever the terminal's size and however many robots
// there are: nothing over the status line and footer below it, nothing past the right edge.

const below = 'the line below the tab';
const previousCurrency = process.env.OPSDESK_CURRENCY;
afterEach(() => {
	if (previousCurrency === undefined) delete process.env.OPSDESK_CURRENCY;
	else process.env.OPSDESK_CURRENCY = previousCurrency;
});

async function drawn(db: Db, width: number, height: number): Promise<string[]> {
	const changes = new DataChanges();
	const desk: Desk = {db, databasePath: 'reports.db', color: false, notify() {}, report(error) {
		throw error;
	}, changed: changes.changed, changes, deferMs: 0};
	const app = render(
		<DeskProvider value={desk}>
			<KeyProvider registry={new KeyRegistry()} onError={error => {
				throw error;
			}}>
				<Box flexDirection="column">
					<ReportsScreen width={width} height={height} active today="2026-02-15" />
					<Text>{below}</Text>
				</Box>
			</KeyProvider>
		</DeskProvider>,
	);
	try {
		for (let attempt = 0; attempt < 200 && !(app.lastFrame() ?? '').includes('top customers'); attempt++) await new Promise(resolve => setTimeout(resolve, 10));
		return (app.lastFrame() ?? '').split('\n');
	} finally {
		app.unmount();
	}
}

function expectInside(lines: string[], width: number, height: number): void {
	expect(lines.length, lines.join('\n')).toBe(height + 1);
	expect(lines.at(-1)).toBe(below);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
}

describe('Reports tab layout', () => {
	it('stays inside its box: roomy, short with many robots, and narrow', async () => {
		process.env.OPSDESK_CURRENCY = 'EUR';
		const {db: handle} = tempDatabase();
		const db = dbOf(handle);
		await seedReportFixture(db);
		let lines = await drawn(db, 100, 40);
		expect(lines.join('\n')).toContain('Bo Diddley');
		expectInside(lines, 100, 40);
		// Fifteen robots finished jobs in February: more lines than a short screen has.
		for (let robot = 0; robot < 15; robot++) await addJob(db, `robot-${robot}`, 'succeeded', '2026-02-03T10:00:00.000Z', '2026-02-03T10:00:02.000Z');
		lines = await drawn(db, 100, 22);
		expect(lines.join('\n')).toContain('robot-0');
		expectInside(lines, 100, 22);
		// Too narrow for the tables side by side.
		lines = await drawn(db, 50, 40);
		expect(lines.join('\n')).toContain('top customers');
		expectInside(lines, 50, 40);
	});
});

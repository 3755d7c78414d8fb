import {describe, expect, it, onTestFinished} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {migrations} from '../../source/migrations.js';
import {openSqliteStore, type Store} from '../../source/store/store.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {dbOf, tempDatabase} from '../support/temp-db.js';
import {renderDesk} from './desk-harness.js';

/**
 * The desk's own store on the file, as `opsdesk` opens it: it polls SQLite's data_version, so
 * a worker's commits on another connection show up live. Closed after the desk is unmounted.
 */
function followingStore(file: string): Store {
	const store = openSqliteStore({engine: 'sqlite', file, shown: file}, {migrations, changePollMs: 20});
	onTestFinished(() => store.close());
	return store;
}

const robotText = 'name: logger\nsteps:\n  - wait: 1ms\n';

/** The log's lines on screen: `step N: line N`. */
const logLines = (frame: string) => [...frame.matchAll(/step (\d+): line \d+/g)].map(match => Number(match[1]));
const selectedJob = (frame: string) => /› \S+\s+#(\d+)/.exec(frame)?.[1];

describe('Robots tab keys', () => {
	it('f pauses and resumes following the log, PgUp and PgDn scroll it, s filters by status, g and G pick the newest and oldest job', async () => {
		const {db, file} = tempDatabase();
		const ada = await createCustomer(dbOf(db), {name: 'Ada Lovelace'});
		const queue = openJobQueue(db);
		const [running, waiting] = await queue.enqueue([
			{robot: 'logger', robotFile: 'logger.yaml', robotText, customerId: ada.id, maxAttempts: 1},
			{robot: 'waiter', robotFile: 'waiter.yaml', robotText, customerId: null, maxAttempts: 1},
		]);
		const lease = (await queue.lease('worker-1'))!;
		expect(lease.jobId).toBe(running!.id);
		for (let step = 1; step <= 60; step++) await queue.finishStep(lease, {number: step, name: 'wait', level: 'info', message: `line ${step}`, durationMs: 1});

		const screen = await renderDesk(db, file, {store: followingStore(file), columns: 110, rows: 30});
		await screen.press('2');
		await screen.waitFor('Log of job');
		// The newest job is first: g is it, G the oldest.
		await screen.press('G');
		expect(selectedJob(screen.frame())).toBe(String(running!.id));
		expect(screen.frame()).toMatch(/Robot jobs {2}2 of 2/);
		await screen.press('g');
		expect(selectedJob(screen.frame())).toBe(String(waiting!.id));
		expect(screen.frame()).toMatch(/Robot jobs {2}1 of 2/);
		await screen.press('G');
		let frame = await screen.waitFor('step 60: line 60');
		expect(frame).toContain('following');
		const shown = logLines(frame).length;
		expect(shown).toBeGreaterThan(5);

		// PgUp: a page back, and following stops; PgDn back to the end follows again.
		await screen.press('pgup');
		frame = screen.frame();
		expect(Math.max(...logLines(frame))).toBe(60 - shown);
		expect(frame).toContain('paused (f follows)');
		expect(frame).toMatch(/lines \d+–\d+ of \d+ · paused/);
		await screen.press('pgdn');
		expect(Math.max(...logLines(screen.frame()))).toBe(60);
		expect(screen.frame()).toContain('following');

		// f pauses: a line the worker writes now does not move the log; f again shows it.
		await screen.press('f');
		expect(screen.frame()).toContain('paused (f follows)');
		const worker = openOpsdesk(file);
		try {
			await openJobQueue(worker).finishStep(lease, {number: 61, name: 'wait', level: 'info', message: 'line 61', durationMs: 1});
		} finally {
			worker.close();
		}
		// Polling brings the line in (the job's row changed); the paused view stays where it was.
		await new Promise(resolve => setTimeout(resolve, 200));
		expect(Math.max(...logLines(screen.frame()))).toBe(60);
		await screen.press('f');
		await screen.waitFor('step 61: line 61');
		expect(screen.frame()).toContain('following');

		// s: only running jobs, then only queued ones.
		await screen.press('s');
		expect(screen.frame()).toContain('queued ·');
		expect(selectedJob(screen.frame())).toBe(String(waiting!.id));
		await screen.press('s');
		expect(screen.frame()).toContain('running ·');
		expect(selectedJob(screen.frame())).toBe(String(running!.id));
		expect(screen.frame()).not.toContain('waiter');
	});
});

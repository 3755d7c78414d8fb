import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {PNG} from 'pngjs';
import {createCustomer} from '../../source/customers/customers.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {enqueueRobot} from '../../source/robot/enqueue.js';
import {migrations} from '../../source/migrations.js';
import {openSqliteStore, type Store} from '../../source/store/store.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {renderDesk} from '../screens/desk-harness.js';
import {dbOf, tempDatabase} from '../support/temp-db.js';

/**
 * The desk's own store on the file, as `opsdesk` opens it: it polls SQLite's data_version, so
 * a worker's commits on another connection show up live. Closed after the desk is unmounted.
 */
function followingStore(file: string): Store {
	const store = openSqliteStore({engine: 'sqlite', file, shown: file}, {migrations, changePollMs: 20});
	onTestFinished(() => store.close());
	return store;
}

describe('Robots tab', () => {
	it('shows the queue and the selected job log, live as another connection writes, and retries and cancels', async () => {
		const {db, file} = tempDatabase();
		const ada = await createCustomer(dbOf(db), {name: 'Ada Lovelace'});
		const grace = await createCustomer(dbOf(db), {name: 'Grace Hopper'});
		const queue = openJobQueue(db);
		const [adaJob, graceJob] = await enqueueRobot(queue, dbOf(db), {file: 'fixtures/robots/mark-active.yaml', customerIds: [ada.id, grace.id]});
		const screen = await renderDesk(db, file, {store: followingStore(file), columns: 110, rows: 30});
		await screen.press('2');
		await screen.waitFor(`#${adaJob!.id}`);
		expect(screen.frame()).toMatch(new RegExp(`› queued\\s+#${graceJob!.id}\\s+mark-active\\s+#${grace.id} Grace Hopper\\s+0/3`));

		// A worker in another process: here, a second connection to the same file.
		const worker = openOpsdesk(file);
		try {
			const workerQueue = openJobQueue(worker);
			const lease = (await workerQueue.lease('elsewhere'))!;
			expect(lease.jobId).toBe(adaJob!.id);
			await workerQueue.finishStep(lease, {number: 1, name: 'update', level: 'info', message: 'updated status', durationMs: 3});
			await workerQueue.fail(lease, 'step 2 broke');
			await screen.press('j');
			await screen.waitFor('step 1: updated status');
			expect(screen.frame()).toMatch(new RegExp(`› queued\\s+#${adaJob!.id}`));
			expect(screen.frame()).toContain('attempt 1 of 3 failed: step 2 broke; retrying in');

			await screen.press('x');
			await screen.waitFor(`Cancel job #${adaJob!.id} (mark-active for Ada Lovelace)?`);
			await screen.press('y');
			await screen.waitFor(`job #${adaJob!.id} cancelled`);
			expect((await queue.get(adaJob!.id))?.status).toBe('cancelled');
			await screen.waitFor(line => /› cancelled/.test(line));
			await screen.press('r');
			await screen.waitFor(`job #${adaJob!.id} (mark-active) is queued again`);
			expect((await queue.get(adaJob!.id))?.status).toBe('queued');

			await screen.press('l', 'l');
			await screen.waitFor('warn and worse');
			expect(screen.frame()).not.toContain('step 1: updated status');
		} finally {
			worker.close();
		}
	});

	it("opens a job with its log and draws the failed step's screenshot", async () => {
		const {db, file, folder} = tempDatabase();
		const queue = openJobQueue(db);
		const [job] = await queue.enqueue([{robot: 'shooter', robotFile: 'shooter.yaml', robotText: 'name: shooter\nsteps:\n  - wait: 1ms\n', customerId: null, maxAttempts: 1}]);
		const lease = (await queue.lease('w'))!;
		const shot = path.join(folder, 'screenshots', 'failed.png');
		fs.mkdirSync(path.dirname(shot), {recursive: true});
		const png = new PNG({width: 40, height: 20});
		png.data.fill(255);
		fs.writeFileSync(shot, PNG.sync.write(png));
		await queue.finishStep(lease, {number: 1, name: 'wait', level: 'error', message: 'no window titled "Legacy*"', durationMs: 10, screenshot: shot});
		await queue.fail(lease, 'step 1 (wait, line 3): no window');
		const screen = await renderDesk(db, file, {columns: 100, rows: 30});
		await screen.press('2');
		await screen.waitFor(`#${job!.id}`);
		await screen.press('enter');
		await screen.waitFor(`Job #${job!.id} · shooter · no customer`);
		const frame = screen.frame();
		expect(frame).toContain('attempts 1 of 1');
		expect(frame).toContain('last error: step 1 (wait, line 3): no window');
		expect(frame).toContain(`screenshot ${shot}`);
		// White pixels in monochrome are the densest shade.
		expect(frame).toMatch(/@{20,}/);
		await screen.press('esc');
		await screen.waitFor('Robot jobs');
	});

	it('R on the Customers tab queues a robot from the robots folder for the selected customer', async () => {
		const {db, file, folder} = tempDatabase();
		const ada = await createCustomer(dbOf(db), {name: 'Ada Lovelace'});
		fs.mkdirSync(path.join(folder, 'robots'));
		fs.copyFileSync('fixtures/robots/mark-active.yaml', path.join(folder, 'robots', 'mark-active.yaml'));
		fs.copyFileSync('test/robot/robots/broken.yaml', path.join(folder, 'robots', 'broken.yaml'));
		const screen = await renderDesk(db, file, {columns: 110, rows: 30});
		await screen.waitFor('Ada Lovelace');
		await screen.press('R');
		await screen.waitFor('Queue a robot for Ada Lovelace');
		expect(screen.frame()).toMatch(/› broken\s+3 problems: opsdesk robot check/);
		await screen.press('j', 'enter');
		await screen.waitFor('for Ada Lovelace; a worker runs it');
		const jobs = await openJobQueue(db).list();
		expect(jobs.map(job => [job.robot, job.customer_id, job.status])).toEqual([['mark-active', ada.id, 'queued']]);
		await screen.press('2');
		await screen.waitFor(/queued\s+#\d+\s+mark-active\s+#\d+ Ada Lovelace/.test.bind(/queued\s+#\d+\s+mark-active\s+#\d+ Ada Lovelace/));
	});
});

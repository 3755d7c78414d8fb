import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {engines, tempPostgresUrl} from '../support/engines.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {openOpsdeskStore} from '../../source/open-opsdesk.js';
import {databaseTarget} from '../../source/store/target.js';
import {opsdesk, robotFile, until, xDisplay} from '../robot/support/x-session.js';
import fs from 'node:fs';

const canRun = engines.includes('postgres') && hasCommands('Xvfb');

/*
 * Two "hosts": two worker processes with their own names and their own X displays, sharing
 * one PostgreSQL database, as robots on two machines would.
 */
describe.runIf(canRun)('robots on two hosts sharing one PostgreSQL queue', () => {
	it('runs 200 jobs exactly once each, spread over both hosts', async () => {
		const url = await tempPostgresUrl();
		const [hostA, hostB] = await Promise.all([xDisplay(), xDisplay()]);
		const store = await openOpsdeskStore(databaseTarget(url));
		try {
			const robotText = 'name: note\nsteps:\n  - log: { kind: robot, subject: "Checked {{customer.name}}" }\n';
			const customers = await store.write(async tx => {
				const made = [];
				for (let index = 0; index < 200; index++) made.push(await createCustomer(tx, {name: `Customer ${String(index).padStart(3, '0')}`}));
				return made;
			});
			const queue = openJobQueue(store);
			const queued = await queue.enqueue(customers.map(customer => ({robot: 'note', robotFile: 'note.yaml', robotText, customerId: customer.id})));
			const [a, b] = await Promise.all([
				opsdesk(['worker', '--once', '--name', 'host-a', '--db', url], {DISPLAY: hostA.display}).done,
				opsdesk(['worker', '--once', '--name', 'host-b', '--db', url], {DISPLAY: hostB.display}).done,
			]);
			expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
			const jobs = await Promise.all(queued.map(job => queue.get(job.id).then(found => found!)));
			await queue.close();
			expect(jobs).toHaveLength(200);
			expect(jobs.filter(job => job.status !== 'succeeded' || job.attempts !== 1)).toEqual([]);
			const byHost = new Map<string, number>();
			for (const job of jobs) byHost.set(String(job.worker), (byHost.get(String(job.worker)) ?? 0) + 1);
			expect([...byHost.keys()].sort()).toEqual(['host-a', 'host-b']);
			// Each customer's timeline has the robot's note once: no job ran twice.
			const notes = await store.db.selectFrom('interactions').select(['customer_id']).where('kind', '=', 'robot').execute();
			expect(notes).toHaveLength(200);
			expect(new Set(notes.map(note => note.customer_id)).size).toBe(200);
		} finally {
			await store.close();
		}
	});

	it('finishes on the other host a job whose worker was killed with kill -9, logging each step once', async () => {
		const url = await tempPostgresUrl();
		const [hostA, hostB] = await Promise.all([xDisplay(), xDisplay()]);
		const store = await openOpsdeskStore(databaseTarget(url));
		try {
			const grace = await store.write(tx => createCustomer(tx, {name: 'Grace Hopper'}));
			const robot = robotFile(tempFolder(), 'slow-logger', fs.readFileSync('test/robot/robots/slow-logger.yaml', 'utf8'));
			const queue = openJobQueue(store);
			const [job] = await queue.enqueue([{robot: 'slow-logger', robotFile: robot, robotText: fs.readFileSync(robot, 'utf8'), customerId: grace.id}]);
			const first = opsdesk(['worker', '--lease', '1', '--name', 'host-a', '--db', url], {DISPLAY: hostA.display});
			// Killed during the long wait, after its log step committed.
			await until(async () => (await queue.logs(job!.id)).some(log => log.step === 2));
			first.process.kill('SIGKILL');
			expect((await first.done).signal).toBe('SIGKILL');

			const second = await opsdesk(['worker', '--once', '--lease', '1', '--name', 'host-b', '--db', url], {DISPLAY: hostB.display}).done;
			expect(second.code, second.stderr).toBe(0);
			expect(await queue.get(job!.id)).toMatchObject({status: 'succeeded', attempts: 2, worker: 'host-b'});
			expect((await listInteractions(store, grace.id)).map(entry => entry.subject)).toEqual(['Worked on Grace Hopper']);
			const messages = (await queue.logs(job!.id)).map(log => log.message);
			expect(messages).toContainEqual(expect.stringContaining('stopped responding (lease expired) during attempt 1'));
			await queue.close();
		} finally {
			await store.close();
		}
	});
});

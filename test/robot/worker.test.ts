import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createCustomer, getCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {NoDesktopDriver} from '../../source/robot/drivers.js';
import {DryRunDriver} from '../../source/robot/dry-run-driver.js';
import {enqueueRobot} from '../../source/robot/enqueue.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {runWorker} from '../../source/robot/worker.js';
import {tempFolder} from '../support/temp-db.js';
import {tempStore} from '../support/engines.js';
import {databaseDump} from './support/db-dump.js';

function writeRobot(text: string): string {
	const file = `${tempFolder()}/robot.yaml`;
	fs.writeFileSync(file, text);
	return file;
}

describe('a worker with the dry-run driver', () => {
	it('runs every queued job once, logging each step, and leaves with --once', async () => {
		const store = await tempStore('sqlite');
		const db = store;
		const databasePath = store.target.shown;
		const queue = openJobQueue(db, {backoffMs: 10});
		const customers = [];
		for (const name of ['Ada', 'Grace', 'Zoë']) customers.push(await createCustomer(db, {name}));
		const jobs = await enqueueRobot(queue, db, {file: 'fixtures/robots/mark-active.yaml', customerIds: customers.map(customer => customer.id)});
		const ran = await runWorker({queue, store, databasePath, openDriver: async () => new NoDesktopDriver(), heartbeatMs: 1000, owner: 'test', once: true, signal: new AbortController().signal});
		expect(ran).toBe(3);
		for (const [index, customer] of customers.entries()) {
			expect(await queue.get(jobs[index]!.id)).toMatchObject({status: 'succeeded', attempts: 1});
			expect((await getCustomer(db, customer.id))?.status).toBe('active');
			expect((await listInteractions(db, customer.id)).map(entry => [entry.subject, entry.job_id])).toEqual([[`Follow up with ${customer.name}`, jobs[index]!.id]]);
		}
		const logs = await queue.logs(jobs[0]!.id);
		expect(logs.filter(log => log.step !== null).map(log => [log.step, log.level, log.message])).toEqual([
			[1, 'info', `set status lead → active on customer #${customers[0]!.id}`],
			[2, 'info', `logged "Follow up with Ada" on customer #${customers[0]!.id}`],
		]);
		expect(logs.every(log => log.duration_ms === null || log.duration_ms >= 0)).toBe(true);
	});

	it('retries a failing job up to its maximum, then marks it failed with the step that failed', async () => {
		const store = await tempStore('sqlite');
		const db = store;
		const databasePath = store.target.shown;
		const queue = openJobQueue(db, {backoffMs: 10});
		const robot = writeRobot('name: always-fails\nsteps:\n  - type: hello\n  - assert: { value: "a", equals: "b" }\n');
		const [job] = await enqueueRobot(queue, db, {file: robot, customerIds: [], maxAttempts: 2});
		await runWorker({queue, store, databasePath, openDriver: async () => new DryRunDriver(), heartbeatMs: 1000, owner: 'test', once: true, signal: new AbortController().signal});
		expect(await queue.get(job!.id)).toMatchObject({status: 'failed', attempts: 2, last_error: 'step 2 (assert, line 4): "a" does not equal "b"'});
	});

	it('runs the copy of the robot taken when the job was queued', async () => {
		const store = await tempStore('sqlite');
		const db = store;
		const databasePath = store.target.shown;
		const queue = openJobQueue(db);
		const robot = writeRobot('name: original\nsteps:\n  - type: first version\n');
		await enqueueRobot(queue, db, {file: robot, customerIds: []});
		fs.writeFileSync(robot, 'name: changed\nsteps:\n  - type: second version\n');
		const driver = new DryRunDriver();
		await runWorker({queue, store, databasePath, openDriver: async () => driver, heartbeatMs: 1000, owner: 'test', once: true, signal: new AbortController().signal});
		expect(driver.actions).toEqual([{action: 'type', text: 'first version'}]);
	});

	it('refuses to queue a robot that does not validate, or needs a customer and has none', async () => {
		const db = await tempStore('sqlite');
		const queue = openJobQueue(db);
		await expect(enqueueRobot(queue, db, {file: writeRobot('name: bad\nsteps:\n  - tpye: x\n'), customerIds: []})).rejects.toThrow('unknown step "tpye"');
		await expect(enqueueRobot(queue, db, {file: 'fixtures/robots/mark-active.yaml', customerIds: []})).rejects.toThrow('--customer ID or --search TEXT');
		await expect(enqueueRobot(queue, db, {file: 'fixtures/robots/mark-active.yaml', customerIds: [99]})).rejects.toThrow('no customer #99');
		expect(await queue.list()).toEqual([]);
	});
});

describe('a worker on the dry-run driver', () => {
	it('marks the job as a dry run and leaves every other row of the database as it was', async () => {
		const store = await tempStore('sqlite');
		const db = store;
		const databasePath = store.target.shown;
		const queue = openJobQueue(db);
		const customer = await createCustomer(db, {name: 'Ada', email: 'ada@example.com', tags: ['vip']});
		const robot = writeRobot('name: busy\nsteps:\n  - update: { status: active, city: Graz }\n  - log: { subject: "typed {{customer.name}} ({{customer.status}})" }\n  - type: "{{customer.email}}"\n');
		const [job] = await enqueueRobot(queue, db, {file: robot, customerIds: [customer.id]});
		const before = databaseDump(db.sqlite!, [job!.id]);
		const driver = new DryRunDriver();
		await runWorker({queue, store, databasePath, openDriver: async () => driver, dryRun: true, heartbeatMs: 1000, owner: 'test', once: true, signal: new AbortController().signal});
		expect(databaseDump(db.sqlite!, [job!.id])).toBe(before);
		expect(await queue.get(job!.id)).toMatchObject({status: 'succeeded', dry_run: true});
		const messages = (await queue.logs(job!.id)).map(log => log.message);
		expect(messages).toContainEqual(expect.stringContaining('on the dry-run driver'));
		expect(messages).toContain(`would set status lead → active, city "" → Graz on customer #${customer.id} (dry run: nothing written)`);
		// Later steps see what the update would have made of the customer.
		expect(messages).toContain(`would log "typed Ada (active)" on customer #${customer.id} (dry run: nothing written)`);
		expect(driver.actions).toEqual([{action: 'type', text: 'ada@example.com'}]);
	});
});

import fs from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {createCustomer, getCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {onRecordEvent, type ChangeOrigin} from '../../source/events/record-events.js';
import {NoDesktopDriver} from '../../source/robot/drivers.js';
import {DryRunDriver} from '../../source/robot/dry-run-driver.js';
import {enqueueRobot} from '../../source/robot/enqueue.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import type {JobQueue, QueueOptions} from '../../source/robot/queue.js';
import {runWorker} from '../../source/robot/worker.js';
import type {Store} from '../../source/store/store.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';
import {tableRows} from '../copy/support/table-rows.js';
import {databaseDump} from './support/db-dump.js';

function writeRobot(text: string): string {
	const file = `${tempFolder()}/robot.yaml`;
	fs.writeFileSync(file, text);
	return file;
}

const queues: JobQueue[] = [];
afterEach(async () => {
	for (const queue of queues.splice(0)) await queue.close();
});

async function setUp(engine: 'sqlite' | 'postgres', options: QueueOptions = {}): Promise<{store: Store; queue: JobQueue; work: (extra?: Partial<Parameters<typeof runWorker>[0]>) => Promise<number>}> {
	const store = await tempStore(engine);
	const queue = openJobQueue(store, options);
	queues.push(queue);
	const work = (extra: Partial<Parameters<typeof runWorker>[0]> = {}) => runWorker({
		queue, store, databasePath: store.target.shown, openDriver: async () => new NoDesktopDriver(), heartbeatMs: 1000, owner: 'test', once: true, signal: new AbortController().signal, ...extra,
	});
	return {store, queue, work};
}

/** Every row of the database but the given job's own records, to see that nothing else changed. */
async function everythingBut(store: Store, jobId: number): Promise<string> {
	if (store.target.engine === 'sqlite') return databaseDump(store.sqlite!, [jobId]);
	const rows = await tableRows(store.target.url);
	rows.jobs = rows.jobs!.filter(job => job.id !== jobId);
	rows.job_logs = rows.job_logs!.filter(log => log.job_id !== jobId);
	return JSON.stringify(rows);
}

describe.each(engines)('a worker on %s', engine => {
	it('runs every queued job once, logging each step and committing its changes, and leaves with --once', async () => {
		const {store, queue, work} = await setUp(engine, {backoffMs: 10});
		const customers = [];
		for (const name of ['Ada', 'Grace', 'Zoë']) customers.push(await createCustomer(store, {name}));
		const jobs = await enqueueRobot(queue, store, {file: 'fixtures/robots/mark-active.yaml', customerIds: customers.map(customer => customer.id)});
		expect(await work()).toBe(3);
		for (const [index, customer] of customers.entries()) {
			expect(await queue.get(jobs[index]!.id)).toMatchObject({status: 'succeeded', attempts: 1, worker: 'test'});
			expect((await getCustomer(store, customer.id))?.status).toBe('active');
			expect((await listInteractions(store, customer.id)).map(entry => [entry.subject, entry.job_id, entry.actor])).toEqual([[`Follow up with ${customer.name}`, jobs[index]!.id, 'mark-active']]);
		}
		const logs = await queue.logs(jobs[0]!.id);
		expect(logs.filter(log => log.step !== null).map(log => [log.step, log.level, log.message])).toEqual([
			[1, 'info', `set status lead → active on customer #${customers[0]!.id}`],
			[2, 'info', `logged "Follow up with Ada" on customer #${customers[0]!.id}`],
		]);
		expect(logs.every(log => log.duration_ms === null || log.duration_ms >= 0)).toBe(true);
	});

	it('tells record listeners that the change is the robot\'s own, with its job, inside the step\'s transaction', async () => {
		const {store, queue, work} = await setUp(engine);
		const customer = await createCustomer(store, {name: 'Ada'});
		const heard: Array<{type: string; origin: ChangeOrigin}> = [];
		const stop = onRecordEvent(async (_tx, event, origin) => {
			heard.push({type: event.type, origin});
		});
		try {
			const [job] = await enqueueRobot(queue, store, {file: 'fixtures/robots/mark-active.yaml', customerIds: [customer.id]});
			await work();
			expect(heard).toEqual([
				{type: 'customer.updated', origin: expect.objectContaining({actor: 'mark-active', jobId: job!.id})},
				{type: 'interaction.created', origin: expect.objectContaining({actor: 'mark-active', jobId: job!.id})},
			]);
		} finally {
			stop();
		}
	});

	it('rolls a step\'s change back with the step when a record listener refuses it, and retries the job', async () => {
		const {store, queue, work} = await setUp(engine, {backoffMs: 1});
		const customer = await createCustomer(store, {name: 'Ada'});
		const stop = onRecordEvent(async (_tx, event) => {
			if (event.type === 'interaction.created') throw new Error('listener refused');
		});
		try {
			const [job] = await enqueueRobot(queue, store, {file: 'fixtures/robots/mark-active.yaml', customerIds: [customer.id], maxAttempts: 1});
			await work();
			expect(await queue.get(job!.id)).toMatchObject({status: 'failed', last_error: expect.stringContaining('listener refused')});
			// The update of step 1 committed with step 1; the log of step 2 never did, nor its step record.
			expect((await getCustomer(store, customer.id))?.status).toBe('active');
			expect(await listInteractions(store, customer.id)).toEqual([]);
			expect((await queue.logs(job!.id)).filter(log => log.step === 2 && log.level === 'info')).toEqual([]);
		} finally {
			stop();
		}
	});

	it('retries a failing job up to its maximum, then marks it failed with the step that failed', async () => {
		const {queue, store, work} = await setUp(engine, {backoffMs: 10});
		const robot = writeRobot('name: always-fails\nsteps:\n  - type: hello\n  - assert: { value: "a", equals: "b" }\n');
		const [job] = await enqueueRobot(queue, store, {file: robot, customerIds: [], maxAttempts: 2});
		await work({openDriver: async () => new DryRunDriver()});
		expect(await queue.get(job!.id)).toMatchObject({status: 'failed', attempts: 2, last_error: 'step 2 (assert, line 4): "a" does not equal "b"'});
	});

	it('fails at once, without retries, a step whose change the CRM refuses, and never says it was done', async () => {
		const {queue, store, work} = await setUp(engine, {backoffMs: 10});
		// A customer name written before validation refused control characters, or by another tool.
		const customer = await createCustomer(store, {name: 'Ada'});
		await store.write(tx => tx.db.updateTable('customers').set({name: 'Ada \u001B[5m'}).where('id', '=', customer.id).execute());
		const robot = writeRobot('name: greets\nsteps:\n  - log: { subject: "hi {{customer.name}}" }\n  - wait: 1ms\n');
		const [job] = await enqueueRobot(queue, store, {file: robot, customerIds: [customer.id], maxAttempts: 3});
		const events: string[] = [];
		await work({onEvent: event => events.push(event)});
		expect(await queue.get(job!.id)).toMatchObject({status: 'failed', attempts: 1});
		expect((await queue.get(job!.id))!.last_error).toMatch(/^step 1 \(log, line 3\): subject: .*control characters/);
		expect(events.some(event => event.includes('info logged'))).toBe(false);
		expect(events.filter(event => / step 1 log: error /.test(event))).toHaveLength(1);
		expect(await listInteractions(store, customer.id)).toEqual([]);
		// A dry run checks the subject as the real log would: it fails the same way.
		const [dry] = await enqueueRobot(queue, store, {file: robot, customerIds: [customer.id], maxAttempts: 3});
		await work({openDriver: async () => new DryRunDriver()});
		expect(await queue.get(dry!.id)).toMatchObject({status: 'failed', attempts: 1});
		expect((await queue.get(dry!.id))!.last_error).toMatch(/^step 1 \(log, line 3\): subject: .*control characters/);
	});

	it('runs the copy of the robot taken when the job was queued', async () => {
		const {queue, store, work} = await setUp(engine);
		const robot = writeRobot('name: original\nsteps:\n  - type: first version\n');
		await enqueueRobot(queue, store, {file: robot, customerIds: []});
		fs.writeFileSync(robot, 'name: changed\nsteps:\n  - type: second version\n');
		const driver = new DryRunDriver();
		await work({openDriver: async () => driver});
		expect(driver.actions).toEqual([{action: 'type', text: 'first version'}]);
	});

	it('refuses to queue a robot that does not validate, or needs a customer and has none', async () => {
		const {queue, store} = await setUp(engine);
		const deleted = await createCustomer(store, {name: 'Gone'});
		await store.write(tx => tx.db.updateTable('customers').set({deleted_at: '2026-01-01T00:00:00.000Z'}).where('id', '=', deleted.id).execute());
		await expect(enqueueRobot(queue, store, {file: writeRobot('name: bad\nsteps:\n  - tpye: x\n'), customerIds: []})).rejects.toThrow('unknown step "tpye"');
		await expect(enqueueRobot(queue, store, {file: 'fixtures/robots/mark-active.yaml', customerIds: []})).rejects.toThrow('--customer ID or --search TEXT');
		await expect(enqueueRobot(queue, store, {file: 'fixtures/robots/mark-active.yaml', customerIds: [99]})).rejects.toThrow('no customer #99');
		await expect(enqueueRobot(queue, store, {file: 'fixtures/robots/mark-active.yaml', customerIds: [deleted.id]})).rejects.toThrow(`customer #${deleted.id} is deleted`);
		expect(await queue.list()).toEqual([]);
	});

	it('on the dry-run driver marks the job as a dry run and leaves every other row of the database as it was', async () => {
		const {queue, store, work} = await setUp(engine);
		const customer = await createCustomer(store, {name: 'Ada', email: 'ada@example.com', tags: ['vip']});
		const robot = writeRobot('name: busy\nsteps:\n  - update: { status: active, city: Graz }\n  - log: { subject: "typed {{customer.name}} ({{customer.status}})" }\n  - type: "{{customer.email}}"\n');
		const [job] = await enqueueRobot(queue, store, {file: robot, customerIds: [customer.id]});
		const before = await everythingBut(store, job!.id);
		const driver = new DryRunDriver();
		await work({openDriver: async () => driver, dryRun: true});
		expect(await everythingBut(store, job!.id)).toBe(before);
		expect(await queue.get(job!.id)).toMatchObject({status: 'succeeded', dry_run: true});
		const messages = (await queue.logs(job!.id)).map(log => log.message);
		expect(messages).toContainEqual(expect.stringContaining('on the dry-run driver'));
		expect(messages).toContain(`would set status lead → active, city "" → Graz on customer #${customer.id} (dry run: nothing written)`);
		// Later steps see what the update would have made of the customer.
		expect(messages).toContain(`would log "typed Ada (active)" on customer #${customer.id} (dry run: nothing written)`);
		expect(driver.actions).toEqual([{action: 'type', text: 'ada@example.com'}]);
	});
});

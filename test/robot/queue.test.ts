import {afterEach, describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {migrations} from '../../source/migrations.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import type {JobQueue, NewJob, Priority, QueueOptions} from '../../source/robot/queue.js';
import {RunStopped} from '../../source/robot/runner.js';
import {openStore, type Store} from '../../source/store/store.js';
import {engines, tempStore} from '../support/engines.js';

const queues: JobQueue[] = [];
const extraStores: Store[] = [];

afterEach(async () => {
	for (const queue of queues.splice(0)) await queue.close();
	for (const store of extraStores.splice(0)) await store.close();
});

function open(store: Store, options: QueueOptions = {}): JobQueue {
	const queue = openJobQueue(store, options);
	queues.push(queue);
	return queue;
}

/** A second connection to the same database, as another worker process or host has. */
async function anotherConnection(store: Store): Promise<Store> {
	const other = await openStore(store.target, {migrations, changePollMs: 0});
	extraStores.push(other);
	return other;
}

/** A queue whose clock only moves when the test moves it: expiry and backoff without waiting. */
function queueAt(store: Store) {
	const clock = {now: Date.parse('2026-01-01T09:00:00.000Z')};
	const queue = open(store, {now: () => clock.now, leaseMs: 10_000, backoffMs: 2000});
	return {queue, clock};
}

const job = (robot: string, priority: Priority = 'normal', extra: Partial<NewJob> = {}): NewJob =>
	({robot, robotFile: `${robot}.yaml`, robotText: `name: ${robot}\nsteps:\n  - wait: 1ms\n`, customerId: null, priority, ...extra});

const logStep = {number: 1, name: 'log' as const, level: 'info' as const, message: 'logged', durationMs: 1};

describe.each(engines)('the job queue on %s', engine => {
	it('leases by priority, then age', async () => {
		const {queue, clock} = queueAt(await tempStore(engine));
		for (const [robot, priority] of [['low-1', 'low'], ['normal-1', 'normal'], ['high-1', 'high'], ['normal-2', 'normal']] as const) {
			await queue.enqueue([job(robot, priority)]);
			clock.now += 1000;
		}
		const order: string[] = [];
		for (let lease = await queue.lease('w'); lease; lease = await queue.lease('w')) order.push(lease.robot);
		expect(order).toEqual(['high-1', 'normal-1', 'normal-2', 'low-1']);
	});

	it('gives a job to one worker at a time, across connections to the same database', async () => {
		const store = await tempStore(engine);
		const {queue} = queueAt(store);
		const {queue: second} = queueAt(await anotherConnection(store));
		await queue.enqueue([job('only')]);
		const lease = await queue.lease('worker-a');
		expect(lease).toMatchObject({robot: 'only', attempt: 1});
		expect(await second.lease('worker-b')).toBeUndefined();
		expect(await second.get(lease!.jobId)).toMatchObject({status: 'running', lease_owner: 'worker-a', worker: 'worker-a', attempts: 1});
	});

	it('hands each of many jobs to exactly one of many workers leasing at once', async () => {
		const store = await tempStore(engine);
		// SQLite: one process's connections would wait for each other's locks on its one thread; workers there are processes (test/e2e).
		const workers = await Promise.all(Array.from({length: 4}, async () => open(engine === 'sqlite' ? store : await anotherConnection(store))));
		const jobs = await open(store).enqueue(Array.from({length: 60}, (_, index) => job(`job-${index}`)));
		const taken = await Promise.all(workers.map(async (queue, index) => {
			const ids: number[] = [];
			for (let lease = await queue.lease(`worker-${index}`); lease; lease = await queue.lease(`worker-${index}`)) {
				ids.push(lease.jobId);
				expect(await queue.succeed(lease)).toBe(true);
			}
			return ids;
		}));
		expect(taken.flat().sort((a, b) => a - b)).toEqual(jobs.map(queued => queued.id));
		const finished = await open(store).list({limit: 100});
		expect(finished.every(queued => queued.status === 'succeeded' && queued.attempts === 1)).toBe(true);
		// Every worker got some: they ran side by side, not one after the other.
		if (engine === 'postgres') expect(taken.filter(ids => ids.length > 0).length).toBeGreaterThan(1);
	});

	it('hands a job whose lease expired to the next worker and shuts the old one out', async () => {
		const {queue, clock} = queueAt(await tempStore(engine));
		const [queued] = await queue.enqueue([job('slow')]);
		const first = (await queue.lease('worker-a'))!;
		clock.now += 9000;
		expect(await queue.heartbeat(first)).toBe(true);
		clock.now += 9000;
		expect(await queue.lease('worker-b')).toBeUndefined();
		clock.now += 1001;
		const second = (await queue.lease('worker-b'))!;
		expect(second).toMatchObject({jobId: queued!.id, attempt: 2, owner: 'worker-b'});
		expect(await queue.heartbeat(first)).toBe(false);
		await expect(queue.finishStep(first, logStep)).rejects.toBeInstanceOf(RunStopped);
		await expect(queue.log(first, 'info', 'still here')).rejects.toBeInstanceOf(RunStopped);
		expect(await queue.fail(first, 'late failure')).toBe('lost');
		expect(await queue.succeed(first)).toBe(false);
		expect(await queue.succeed(second)).toBe(true);
		const messages = (await queue.logs(queued!.id)).map(log => log.message);
		expect(messages).toContain('worker worker-a stopped responding (lease expired) during attempt 1');
		expect(messages).not.toContain('still here');
		expect(await queue.get(queued!.id)).toMatchObject({status: 'succeeded', attempts: 2, worker: 'worker-b', lease_owner: null});
	});

	it('retries a failed job with exponential backoff, then marks it failed', async () => {
		const {queue, clock} = queueAt(await tempStore(engine));
		const [queued] = await queue.enqueue([job('flaky', 'normal', {maxAttempts: 3})]);
		expect(await queue.fail((await queue.lease('w'))!, 'no window')).toBe('retrying');
		expect(await queue.nextWakeup()).toBe(2000);
		clock.now += 1999;
		expect(await queue.lease('w')).toBeUndefined();
		clock.now += 1;
		expect(await queue.fail((await queue.lease('w'))!, 'no window')).toBe('retrying');
		clock.now += 3999;
		expect(await queue.lease('w')).toBeUndefined();
		clock.now += 1;
		const last = (await queue.lease('w'))!;
		expect(last.attempt).toBe(3);
		expect(await queue.fail(last, 'no window')).toBe('failed');
		expect(await queue.get(queued!.id)).toMatchObject({status: 'failed', attempts: 3, last_error: 'no window', worker: 'w'});
		expect(await queue.nextWakeup()).toBeUndefined();
		const errors = (await queue.logs(queued!.id)).filter(log => log.level === 'error').map(log => log.message);
		expect(errors).toEqual([
			'attempt 1 of 3 failed: no window; retrying in 2.0s',
			'attempt 2 of 3 failed: no window; retrying in 4.0s',
			'attempt 3 of 3 failed: no window; no attempts left',
		]);
	});

	it('fails a job for good when its last attempt loses its worker', async () => {
		const {queue, clock} = queueAt(await tempStore(engine));
		const [queued] = await queue.enqueue([job('crashy', 'normal', {maxAttempts: 1})]);
		await queue.lease('w');
		clock.now += 10_000;
		expect(await queue.lease('w')).toBeUndefined();
		expect(await queue.get(queued!.id)).toMatchObject({status: 'failed', attempts: 1, last_error: expect.stringContaining('lease expired')});
	});

	it('cancels queued and running jobs; a cancelled running job stops writing', async () => {
		const {queue} = queueAt(await tempStore(engine));
		const [waiting, running] = await queue.enqueue([job('a', 'low'), job('b', 'high')]);
		const lease = (await queue.lease('w'))!;
		expect(lease.jobId).toBe(running!.id);
		expect(await queue.cancel(waiting!.id)).toMatchObject({status: 'cancelled', worker: null});
		expect(await queue.cancel(running!.id)).toMatchObject({status: 'cancelled', lease_owner: null, worker: 'w'});
		expect(await queue.heartbeat(lease)).toBe(false);
		await expect(queue.log(lease, 'info', 'still here')).rejects.toBeInstanceOf(RunStopped);
		expect(await queue.lease('w')).toBeUndefined();
		await expect(queue.cancel(running!.id)).rejects.toThrow(`job #${running!.id} is cancelled; only queued or running jobs can be cancelled`);
		await expect(queue.cancel(999)).rejects.toThrow('no job #999');
	});

	it('queues a failed or cancelled job again with a fresh set of attempts, but not a succeeded one', async () => {
		const {queue} = queueAt(await tempStore(engine));
		const [failing, done] = await queue.enqueue([job('a', 'high', {maxAttempts: 1}), job('b')]);
		await queue.fail((await queue.lease('w'))!, 'broke');
		await queue.succeed((await queue.lease('w'))!);
		expect(await queue.retry(failing!.id)).toMatchObject({status: 'queued', attempts: 1, max_attempts: 2});
		expect(await queue.lease('w')).toMatchObject({jobId: failing!.id, attempt: 2});
		await expect(queue.retry(done!.id)).rejects.toThrow('enqueue the robot again to rerun it');
	});

	it('keeps the images a job looks for with the job, each PNG once', async () => {
		const {queue} = queueAt(await tempStore(engine));
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 0, 255]);
		const image = {name: 'buttons/ok.png', key: 'a'.repeat(64), png};
		await queue.enqueue([job('looks', 'normal', {images: [image]}), job('looks-too', 'normal', {images: [image, {...image, name: 'same.png'}]})]);
		const first = (await queue.lease('w'))!;
		const second = (await queue.lease('w'))!;
		expect(first.images).toEqual([image]);
		expect(second.images.map(found => [found.name, [...found.png]]).sort()).toEqual([['buttons/ok.png', [...png]], ['same.png', [...png]]]);
	});

	it('commits a log step once, even when a second worker reruns the job after a crash', async () => {
		const store = await tempStore(engine);
		const {queue, clock} = queueAt(store);
		const customer = await createCustomer(store, {name: 'Ada'});
		const [queued] = await queue.enqueue([job('logger', 'normal', {customerId: customer.id})]);
		const effect = {effect: 'log' as const, kind: 'robot' as const, direction: 'out' as const, subject: 'Entered Ada', body: ''};
		const first = (await queue.lease('worker-a'))!;
		await queue.finishStep(first, logStep, effect);
		clock.now += 10_000;
		const second = (await queue.lease('worker-b'))!;
		await queue.finishStep(second, logStep, effect);
		expect(await listInteractions(store, customer.id)).toEqual([expect.objectContaining({subject: 'Entered Ada', actor: 'logger', job_id: queued!.id})]);
		const stepLogs = (await queue.logs(queued!.id)).filter(log => log.step === 1).map(log => [log.attempt, log.message]);
		expect(stepLogs).toEqual([[1, 'logged'], [2, 'logged (already done in attempt 1; not repeated)']]);
	});

	it('lists newest first, by status, with the customer name', async () => {
		const store = await tempStore(engine);
		const {queue} = queueAt(store);
		const customer = await createCustomer(store, {name: 'Ada'});
		await queue.enqueue([job('a', 'normal', {customerId: customer.id}), job('b')]);
		await queue.lease('w');
		expect((await queue.list()).map(listed => [listed.robot, listed.status, listed.customer_name])).toEqual([['b', 'queued', null], ['a', 'running', 'Ada']]);
		expect((await queue.list({status: 'running'})).map(listed => listed.robot)).toEqual(['a']);
	});
});

describe.runIf(engines.includes('postgres'))('idle workers on PostgreSQL', () => {
	const resolvedWithin = (promise: Promise<void>, ms: number) => Promise.race([promise.then(() => true), new Promise<boolean>(resolve => setTimeout(() => resolve(false), ms))]);

	/** A queue on its own connection that has looked for work once and is listening. */
	async function idleWorker(store: Store): Promise<JobQueue> {
		const idle = open(await anotherConnection(store));
		expect(await idle.lease('idle')).toBeUndefined();
		// Returns once listening: notices sent before LISTEN took effect are looked for once more.
		await idle.waitForWork(30_000, new AbortController().signal);
		expect(await idle.lease('idle')).toBeUndefined();
		return idle;
	}

	it('wake as soon as another host queues a job, not at their next poll', async () => {
		const store = await tempStore('postgres');
		const idle = await idleWorker(store);
		const waiting = idle.waitForWork(30_000, new AbortController().signal);
		expect(await resolvedWithin(waiting, 300)).toBe(false);
		await open(store).enqueue([job('wake-up')]);
		expect(await resolvedWithin(waiting, 5000)).toBe(true);
		expect(await idle.lease('idle')).toMatchObject({robot: 'wake-up'});
	});

	it('wake when a job is queued again by an operator or a failed attempt', async () => {
		const store = await tempStore('postgres');
		const operator = open(store);
		const [queued] = await operator.enqueue([job('again', 'normal', {maxAttempts: 1})]);
		await operator.fail((await operator.lease('w'))!, 'broke');
		const idle = await idleWorker(store);
		const waiting = idle.waitForWork(30_000, new AbortController().signal);
		expect(await resolvedWithin(waiting, 300)).toBe(false);
		await operator.retry(queued!.id);
		expect(await resolvedWithin(waiting, 5000)).toBe(true);
	});

	it('look again at once for a job announced while they were busy', async () => {
		const store = await tempStore('postgres');
		const busy = await idleWorker(store);
		await open(store).enqueue([job('while-busy')]);
		// The notice arrives while the worker is busy elsewhere; its next sleep is no sleep.
		await new Promise(resolve => setTimeout(resolve, 300));
		expect(await resolvedWithin(busy.waitForWork(30_000, new AbortController().signal), 1000)).toBe(true);
		expect(await busy.lease('busy')).toMatchObject({robot: 'while-busy'});
	});

	it('stop waiting when the worker is stopped', async () => {
		const idle = await idleWorker(await tempStore('postgres'));
		const stop = new AbortController();
		const waiting = idle.waitForWork(30_000, stop.signal);
		stop.abort();
		expect(await resolvedWithin(waiting, 1000)).toBe(true);
	});
});

import {describe, expect, it} from 'vitest';
import type {Database} from 'better-sqlite3';
import {createCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import type {NewJob, Priority} from '../../source/robot/queue.js';
import {RunStopped} from '../../source/robot/runner.js';
import {SqliteJobQueue} from '../../source/robot/sqlite-queue.js';
import {tempDatabase} from '../support/temp-db.js';

/** A queue whose clock only moves when the test moves it: expiry and backoff without waiting. */
function queueAt(db: Database) {
	const clock = {now: Date.parse('2026-01-01T09:00:00.000Z')};
	const queue = new SqliteJobQueue(db, {now: () => clock.now, leaseMs: 10_000, backoffMs: 2000});
	return {queue, clock};
}

const job = (robot: string, priority: Priority = 'normal', extra: Partial<NewJob> = {}): NewJob =>
	({robot, robotFile: `${robot}.yaml`, robotText: `name: ${robot}\nsteps:\n  - wait: 1ms\n`, customerId: null, priority, ...extra});

const logStep = {number: 1, name: 'log' as const, level: 'info' as const, message: 'logged', durationMs: 1};

describe('the job queue', () => {
	it('leases by priority, then age', async () => {
		const {queue, clock} = queueAt(tempDatabase().db);
		for (const [robot, priority] of [['low-1', 'low'], ['normal-1', 'normal'], ['high-1', 'high'], ['normal-2', 'normal']] as const) {
			await queue.enqueue([job(robot, priority)]);
			clock.now += 1000;
		}
		const order: string[] = [];
		for (let lease = await queue.lease('w'); lease; lease = await queue.lease('w')) order.push(lease.robot);
		expect(order).toEqual(['high-1', 'normal-1', 'normal-2', 'low-1']);
	});

	it('gives a job to one worker at a time, across connections to the same file', async () => {
		const {db, file} = tempDatabase();
		const other = openOpsdesk(file);
		try {
			const {queue} = queueAt(db);
			const {queue: second} = queueAt(other);
			await queue.enqueue([job('only')]);
			const lease = await queue.lease('worker-a');
			expect(lease).toMatchObject({robot: 'only', attempt: 1});
			expect(await second.lease('worker-b')).toBeUndefined();
			expect(await second.get(lease!.jobId)).toMatchObject({status: 'running', lease_owner: 'worker-a', attempts: 1});
		} finally {
			other.close();
		}
	});

	it('hands a job whose lease expired to the next worker and shuts the old one out', async () => {
		const {queue, clock} = queueAt(tempDatabase().db);
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
		expect(await queue.succeed(first)).toBe(false);
		expect(await queue.succeed(second)).toBe(true);
		const messages = (await queue.logs(queued!.id)).map(log => log.message);
		expect(messages).toContain('worker worker-a stopped responding (lease expired) during attempt 1');
		expect(await queue.get(queued!.id)).toMatchObject({status: 'succeeded', attempts: 2});
	});

	it('retries a failed job with exponential backoff, then marks it failed', async () => {
		const {queue, clock} = queueAt(tempDatabase().db);
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
		expect(await queue.get(queued!.id)).toMatchObject({status: 'failed', attempts: 3, last_error: 'no window'});
		expect(await queue.nextWakeup()).toBeUndefined();
		const errors = (await queue.logs(queued!.id)).filter(log => log.level === 'error').map(log => log.message);
		expect(errors).toEqual([
			'attempt 1 of 3 failed: no window; retrying in 2.0s',
			'attempt 2 of 3 failed: no window; retrying in 4.0s',
			'attempt 3 of 3 failed: no window; no attempts left',
		]);
	});

	it('fails a job for good when its last attempt loses its worker', async () => {
		const {queue, clock} = queueAt(tempDatabase().db);
		const [queued] = await queue.enqueue([job('crashy', 'normal', {maxAttempts: 1})]);
		await queue.lease('w');
		clock.now += 10_000;
		expect(await queue.lease('w')).toBeUndefined();
		expect(await queue.get(queued!.id)).toMatchObject({status: 'failed', attempts: 1, last_error: expect.stringContaining('lease expired')});
	});

	it('cancels queued and running jobs; a cancelled running job stops writing', async () => {
		const {queue} = queueAt(tempDatabase().db);
		const [waiting, running] = await queue.enqueue([job('a', 'low'), job('b', 'high')]);
		const lease = (await queue.lease('w'))!;
		expect(lease.jobId).toBe(running!.id);
		expect(await queue.cancel(waiting!.id)).toMatchObject({status: 'cancelled'});
		expect(await queue.cancel(running!.id)).toMatchObject({status: 'cancelled', lease_owner: null});
		expect(await queue.heartbeat(lease)).toBe(false);
		await expect(queue.log(lease, 'info', 'still here')).rejects.toBeInstanceOf(RunStopped);
		expect(await queue.lease('w')).toBeUndefined();
		await expect(queue.cancel(running!.id)).rejects.toThrow(`job #${running!.id} is cancelled; only queued or running jobs can be cancelled`);
	});

	it('queues a failed or cancelled job again with a fresh set of attempts, but not a succeeded one', async () => {
		const {queue} = queueAt(tempDatabase().db);
		const [failing, done] = await queue.enqueue([job('a', 'high', {maxAttempts: 1}), job('b')]);
		await queue.fail((await queue.lease('w'))!, 'broke');
		await queue.succeed((await queue.lease('w'))!);
		expect(await queue.retry(failing!.id)).toMatchObject({status: 'queued', attempts: 1, max_attempts: 2});
		expect(await queue.lease('w')).toMatchObject({jobId: failing!.id, attempt: 2});
		await expect(queue.retry(done!.id)).rejects.toThrow('enqueue the robot again to rerun it');
	});

	it('commits a log step once, even when a second worker reruns the job after a crash', async () => {
		const {db} = tempDatabase();
		const {queue, clock} = queueAt(db);
		const customer = createCustomer(db, {name: 'Ada'});
		const [queued] = await queue.enqueue([job('logger', 'normal', {customerId: customer.id})]);
		const effect = {effect: 'log' as const, kind: 'robot' as const, direction: 'out' as const, subject: 'Entered Ada', body: ''};
		const first = (await queue.lease('worker-a'))!;
		await queue.finishStep(first, logStep, effect);
		clock.now += 10_000;
		const second = (await queue.lease('worker-b'))!;
		await queue.finishStep(second, logStep, effect);
		expect(listInteractions(db, customer.id)).toEqual([expect.objectContaining({subject: 'Entered Ada', actor: 'logger', job_id: queued!.id})]);
		const stepLogs = (await queue.logs(queued!.id)).filter(log => log.step === 1).map(log => [log.attempt, log.message]);
		expect(stepLogs).toEqual([[1, 'logged'], [2, 'logged (already done in attempt 1; not repeated)']]);
	});

	it('lists newest first, by status, with the customer name', async () => {
		const {db} = tempDatabase();
		const {queue} = queueAt(db);
		const customer = createCustomer(db, {name: 'Ada'});
		await queue.enqueue([job('a', 'normal', {customerId: customer.id}), job('b')]);
		await queue.lease('w');
		expect((await queue.list()).map(item => [item.robot, item.status, item.customer_name])).toEqual([['b', 'queued', null], ['a', 'running', 'Ada']]);
		expect((await queue.list({status: 'running'})).map(item => item.robot)).toEqual(['a']);
	});
});

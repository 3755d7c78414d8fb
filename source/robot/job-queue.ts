import crypto from 'node:crypto';
import type {Customer} from '../customers/customer-fields.js';
import {ConflictError, NotFoundError} from '../store/errors.js';
import type {Db} from '../store/store.js';
import {recordEmailSent} from '../mail/job-mailer.js';
import {redactSecrets} from '../secrets/redact.js';
import {applyCrmEffect, type CrmEffect, type EffectWriter} from './crm-effects.js';
import {formatDuration} from './durations.js';
import {jobFromRow, listedJobs} from './job-rows.js';
import {defaultLeaseMs, priorities, type FailOutcome, type Job, type JobLog, type JobQueue, type JobStatus, type Lease, type LeaseOptions, type NewJob, type QueueOptions} from './queue.js';
import type {JobRow, QueueEngine} from './queue-engine.js';
import {RunStopped, type LogLevel, type StepRecord} from './runner.js';

/** Jobs inserted per statement: far below either engine's limit on bound values. */
const insertChunk = 500;

/** A new job's row, queued now; also for jobs queued inside another change's transaction (source/automation). */
export function jobRowOf(job: NewJob, now: string) {
	return {
		robot: job.robot, robot_file: job.robotFile, robot_text: job.robotText, customer_id: job.customerId,
		priority: priorities.indexOf(job.priority ?? 'normal'), max_attempts: job.maxAttempts ?? 3,
		attempts_granted: job.maxAttempts ?? 3, run_after: now, created_at: now, updated_at: now,
		attempts: 0, status: 'queued', dry_run: 0, lease_token: null, lease_owner: null, lease_expires_at: null,
		started_at: null, finished_at: null, last_error: null,
		needs_desktop: job.needsDesktop === false ? 0 : 1, batch_id: job.origin?.batchId ?? null, schedule: job.origin?.schedule ?? null,
		scheduled_for: job.origin?.scheduledFor ?? null, trigger_name: job.origin?.trigger ?? null, trigger_depth: job.origin?.triggerDepth ?? 0,
	};
}

export async function insertJobImages(tx: Db, jobId: number, job: NewJob): Promise<void> {
	for (const image of job.images ?? []) {
		await tx.db.insertInto('robot_images').values({sha256: image.key, png: Buffer.from(image.png)}).onConflict(conflict => conflict.column('sha256').doNothing()).execute();
		await tx.db.insertInto('job_images').values({job_id: jobId, name: image.name, sha256: image.key}).execute();
	}
}

type LogRow = {job_id: number; attempt: number; step: number | null; level: LogLevel; message: string; duration_ms?: number | null; screenshot?: string | null};

/**
 * The robot queue on either engine, through the async data layer. Every change is one write
 * transaction; a worker's writes name its lease token, so one that lost its lease (crashed,
 * stalled, cancelled) changes nothing. What differs by engine (leasing, row locks, waking idle
 * workers, whose clock counts) is the QueueEngine's.
 */
export class DbJobQueue implements JobQueue {
	private readonly fixedNow?: () => number;
	readonly leaseMs: number;
	private readonly backoffMs: number;
	private readonly backoffMaxMs: number;
	private readonly applyEffect: EffectWriter;

	constructor(private readonly db: Db, private readonly engine: QueueEngine, options: QueueOptions & {effects?: EffectWriter} = {}) {
		this.applyEffect = options.effects ?? applyCrmEffect;
		this.fixedNow = options.now;
		this.leaseMs = options.leaseMs ?? defaultLeaseMs;
		this.backoffMs = options.backoffMs ?? 2000;
		this.backoffMaxMs = options.backoffMaxMs ?? 5 * 60_000;
	}

	get idleMs(): number {
		return this.engine.idleMs;
	}

	/** Epoch ms on the queue's clock: the test's, or the database's (shared by every host). */
	private async now(): Promise<number> {
		return this.fixedNow ? this.fixedNow() : Date.now() + (await this.engine.clockOffset(this.db));
	}

	private async iso(offsetMs = 0): Promise<string> {
		return new Date((await this.now()) + offsetMs).toISOString();
	}

	private async insertLog(tx: Db, row: LogRow, at: string): Promise<void> {
		// A secret a robot used never reaches a log line (source/secrets/redact.ts).
		await tx.db.insertInto('job_logs').values({duration_ms: null, screenshot: null, ...row, message: redactSecrets(row.message), at}).execute();
	}

	async enqueue(jobs: NewJob[]): Promise<Job[]> {
		const now = await this.iso();
		const ids = await this.db.write(async tx => {
			const ids: number[] = [];
			for (let start = 0; start < jobs.length; start += insertChunk) {
				const chunk = jobs.slice(start, start + insertChunk);
				const inserted = await tx.db.insertInto('jobs').values(chunk.map(job => jobRowOf(job, now))).returning('id').execute();
				// Identities are handed out in the order of the rows of one statement.
				const chunkIds = inserted.map(row => row.id).sort((a, b) => a - b);
				for (const [index, job] of chunk.entries()) await insertJobImages(tx, chunkIds[index]!, job);
				ids.push(...chunkIds);
			}
			await this.engine.announce(tx);
			return ids;
		});
		const found = new Map<number, Job>();
		for (let start = 0; start < ids.length; start += insertChunk) {
			const rows = await listedJobs(this.db).where('jobs.id', 'in', ids.slice(start, start + insertChunk)).execute();
			for (const row of rows) found.set(row.id, jobFromRow(row));
		}
		return ids.map(id => found.get(id)!);
	}

	async lease(owner: string, options: LeaseOptions = {}): Promise<Lease | undefined> {
		this.engine.leasing();
		const now = await this.iso();
		const expires = await this.iso(this.leaseMs);
		return this.db.write(async tx => {
			await this.reclaimExpired(tx, now);
			const token = crypto.randomUUID();
			const row = await this.engine.take(tx, {now, token, owner, expires, dryRun: options.dryRun === true, headless: options.headless === true});
			if (!row) return undefined;
			const mode = options.dryRun ? ' on the dry-run driver (performs nothing, writes nothing to the CRM)' : '';
			await this.insertLog(tx, {job_id: row.id, attempt: row.attempts, step: null, level: 'info', message: `attempt ${row.attempts} of ${row.max_attempts} started by ${owner}${mode}`}, now);
			const images = await tx.db.selectFrom('job_images').innerJoin('robot_images', 'robot_images.sha256', 'job_images.sha256')
				.select(['job_images.name', 'job_images.sha256', 'robot_images.png']).where('job_images.job_id', '=', row.id).execute();
			return {
				jobId: row.id, token, owner, attempt: row.attempts, robot: row.robot, robotFile: row.robot_file, robotText: row.robot_text, customerId: row.customer_id,
				// Its changes carry the trigger that queued it on: the trigger does not fire on them, and chains stop after 3 hops.
				origin: {actor: row.robot, jobId: row.id, ...(row.trigger_name ? {trigger: row.trigger_name} : {}), triggerDepth: row.trigger_depth},
				images: images.map(image => ({name: image.name, key: image.sha256, png: new Uint8Array(image.png)})),
			};
		});
	}

	/** A running job whose lease ran out lost its worker: run it again, or give up after the last attempt. */
	private async reclaimExpired(tx: Db, now: string): Promise<void> {
		const expired = await this.engine.expired(tx, now);
		for (const row of expired) {
			const message = `worker ${row.lease_owner} stopped responding (lease expired) during attempt ${row.attempts}`;
			const done = row.attempts >= row.max_attempts;
			await tx.db.updateTable('jobs').set({
				status: done ? 'failed' : 'queued', last_error: message, lease_token: null, lease_expires_at: null, updated_at: now,
				...(done ? {finished_at: now} : {run_after: now}),
			}).where('id', '=', row.id).execute();
			await this.insertLog(tx, {job_id: row.id, attempt: row.attempts, step: null, level: 'error', message}, now);
		}
		if (expired.some(row => row.attempts < row.max_attempts)) await this.engine.announce(tx);
	}

	async heartbeat(lease: Lease): Promise<boolean> {
		const expires = await this.iso(this.leaseMs);
		const result = await this.db.db.updateTable('jobs').set({lease_expires_at: expires})
			.where('id', '=', lease.jobId).where('lease_token', '=', lease.token).where('status', '=', 'running').executeTakeFirst();
		return result.numUpdatedRows === 1n;
	}

	/** The job's row, held for this transaction, or RunStopped when this worker no longer holds the job. */
	private async held(tx: Db, lease: Lease): Promise<JobRow> {
		const row = await this.engine.lock(tx, lease.jobId);
		if (!row || row.status !== 'running' || row.lease_token !== lease.token) {
			throw new RunStopped(`job #${lease.jobId} is no longer held by ${lease.owner} (cancelled, or its lease expired and another worker took it)`);
		}
		return row;
	}

	async log(lease: Lease, level: LogLevel, message: string): Promise<void> {
		const at = await this.iso();
		await this.db.write(async tx => {
			await this.held(tx, lease);
			await this.insertLog(tx, {job_id: lease.jobId, attempt: lease.attempt, step: null, level, message}, at);
		});
	}

	async finishStep(lease: Lease, record: StepRecord, effect?: CrmEffect): Promise<{customer?: Customer}> {
		const at = await this.iso();
		return this.db.write(async tx => {
			await this.held(tx, lease);
			let message = record.message;
			let customer: Customer | undefined;
			if (effect?.effect === 'email') await recordEmailSent(tx, lease.jobId, {step: record.number, pass: record.pass ?? ''}, effect, at);
			if (effect && lease.customerId !== null) {
				const pass = record.pass ?? '';
				const applied = await tx.db.selectFrom('job_effects').select('attempt')
					.where('job_id', '=', lease.jobId).where('step', '=', record.number).where('pass', '=', pass).executeTakeFirst();
				if (applied) message += ` (already done in attempt ${applied.attempt}; not repeated)`;
				else {
					customer = await this.applyEffect(tx, lease.customerId, effect, lease.origin);
					await tx.db.insertInto('job_effects').values({job_id: lease.jobId, step: record.number, pass, attempt: lease.attempt, at}).execute();
				}
			}
			await this.insertLog(tx, {
				job_id: lease.jobId, attempt: lease.attempt, step: record.number, level: record.level,
				message, duration_ms: record.durationMs, screenshot: record.screenshot ?? null,
			}, at);
			return {customer};
		});
	}

	async succeed(lease: Lease): Promise<boolean> {
		const now = await this.iso();
		return this.db.write(async tx => {
			const result = await tx.db.updateTable('jobs').set({status: 'succeeded', lease_token: null, lease_expires_at: null, finished_at: now, updated_at: now})
				.where('id', '=', lease.jobId).where('lease_token', '=', lease.token).where('status', '=', 'running').executeTakeFirst();
			const done = result.numUpdatedRows === 1n;
			if (done) await this.insertLog(tx, {job_id: lease.jobId, attempt: lease.attempt, step: null, level: 'info', message: `attempt ${lease.attempt} succeeded`}, now);
			return done;
		});
	}

	async fail(lease: Lease, failure: string, options: {final?: boolean} = {}): Promise<FailOutcome> {
		const message = redactSecrets(failure);
		const now = await this.now();
		const at = new Date(now).toISOString();
		return this.db.write(async (tx): Promise<FailOutcome> => {
			const row = await this.engine.lock(tx, lease.jobId);
			if (!row || row.status !== 'running' || row.lease_token !== lease.token) return 'lost';
			const log = (text: string) => this.insertLog(tx, {job_id: lease.jobId, attempt: lease.attempt, step: null, level: 'error', message: text}, at);
			const released = {lease_token: null, lease_expires_at: null, last_error: message, updated_at: at};
			if (row.attempts >= row.max_attempts || options.final) {
				await tx.db.updateTable('jobs').set({...released, status: 'failed', finished_at: at}).where('id', '=', lease.jobId).execute();
				await log(`attempt ${lease.attempt} of ${row.max_attempts} failed: ${message}; ${options.final ? 'not retried: it needs an operator' : 'no attempts left'}`);
				return 'failed';
			}
			const delay = Math.min(this.backoffMs * 2 ** (row.attempts - 1), this.backoffMaxMs);
			await tx.db.updateTable('jobs').set({...released, status: 'queued', run_after: new Date(now + delay).toISOString()}).where('id', '=', lease.jobId).execute();
			await log(`attempt ${lease.attempt} of ${row.max_attempts} failed: ${message}; retrying in ${formatDuration(delay)}`);
			await this.engine.announce(tx);
			return 'retrying';
		});
	}

	async cancel(jobId: number): Promise<Job> {
		const now = await this.iso();
		await this.db.write(async tx => {
			const row = await this.engine.lock(tx, jobId);
			if (!row) throw new NotFoundError(`no job #${jobId}`);
			if (row.status !== 'queued' && row.status !== 'running') throw new ConflictError(`job #${jobId} is ${row.status}; only queued or running jobs can be cancelled`);
			await tx.db.updateTable('jobs').set({status: 'cancelled', last_error: 'cancelled by an operator', lease_token: null, lease_expires_at: null, finished_at: now, updated_at: now})
				.where('id', '=', jobId).execute();
			await this.insertLog(tx, {job_id: jobId, attempt: row.attempts, step: null, level: 'warn', message: 'cancelled by an operator'}, now);
		});
		return this.requireJob(jobId);
	}

	async retry(jobId: number): Promise<Job> {
		const now = await this.iso();
		await this.db.write(async tx => {
			const row = await this.engine.lock(tx, jobId);
			if (!row) throw new NotFoundError(`no job #${jobId}`);
			if (row.status !== 'failed' && row.status !== 'cancelled') {
				throw new ConflictError(`job #${jobId} is ${row.status}; only failed or cancelled jobs can be retried${row.status === 'succeeded' ? ' (enqueue the robot again to rerun it)' : ''}`);
			}
			await tx.db.updateTable('jobs').set({status: 'queued', run_after: now, max_attempts: row.attempts + row.attempts_granted, finished_at: null, updated_at: now})
				.where('id', '=', jobId).execute();
			await this.insertLog(tx, {job_id: jobId, attempt: row.attempts, step: null, level: 'info', message: 'queued again by an operator'}, now);
			await this.engine.announce(tx);
		});
		return this.requireJob(jobId);
	}

	async get(jobId: number): Promise<Job | undefined> {
		const row = await listedJobs(this.db).where('jobs.id', '=', jobId).executeTakeFirst();
		return row ? jobFromRow(row) : undefined;
	}

	private async requireJob(jobId: number): Promise<Job> {
		const job = await this.get(jobId);
		if (!job) throw new NotFoundError(`no job #${jobId}`);
		return job;
	}

	async list(options: {status?: JobStatus; limit?: number} = {}): Promise<Job[]> {
		let query = listedJobs(this.db).orderBy('jobs.id', 'desc').limit(options.limit ?? 100);
		if (options.status) query = query.where('jobs.status', '=', options.status);
		return (await query.execute()).map(jobFromRow);
	}

	async logs(jobId: number, options: {afterId?: number; limit?: number} = {}): Promise<JobLog[]> {
		const rows = await this.db.db.selectFrom('job_logs').selectAll().where('job_id', '=', jobId).where('id', '>', options.afterId ?? 0)
			.orderBy('id').limit(options.limit ?? 10_000).execute();
		return rows as JobLog[];
	}

	async nextWakeup(options: {headless?: boolean} = {}): Promise<number | undefined> {
		let waiting = this.db.db.selectFrom('jobs').select(eb => eb.fn.min('run_after').as('next')).where('status', '=', 'queued');
		// A worker without a display waits only for the jobs it may take.
		if (options.headless) waiting = waiting.where('needs_desktop', '=', 0);
		const queued = await waiting.executeTakeFirst();
		const running = await this.db.db.selectFrom('jobs').select(eb => eb.fn.min('lease_expires_at').as('next')).where('status', '=', 'running').executeTakeFirst();
		const times = [queued?.next, running?.next].filter((time): time is string => typeof time === 'string');
		if (times.length === 0) return undefined;
		return Math.max(0, Math.min(...times.map(time => Date.parse(time))) - (await this.now()));
	}

	waitForWork(ms: number, signal: AbortSignal): Promise<void> {
		return this.engine.waitForWork(ms, signal);
	}

	close(): Promise<void> {
		return this.engine.close();
	}
}

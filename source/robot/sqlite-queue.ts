import crypto from 'node:crypto';
import type {Database} from 'better-sqlite3';
import type {Customer} from '../customers/customer-fields.js';
import {ConflictError, NotFoundError} from '../store/errors.js';
import {applyCrmEffect, type CrmEffect} from './crm-effects.js';
import {formatDuration} from './durations.js';
import {defaultLeaseMs, priorities, type QueueOptions, type FailOutcome, type Job, type JobLog, type JobQueue, type JobStatus, type Lease, type NewJob} from './queue.js';
import {RunStopped, type LogLevel, type StepRecord} from './runner.js';
import {jobStatements, type JobRow} from './sqlite-queue-statements.js';

export type SqliteQueueOptions = QueueOptions;

export class SqliteJobQueue implements JobQueue {
	private readonly now: () => number;
	readonly leaseMs: number;
	private readonly backoffMs: number;
	private readonly backoffMaxMs: number;

	constructor(private readonly db: Database, options: SqliteQueueOptions = {}) {
		this.now = options.now ?? Date.now;
		this.leaseMs = options.leaseMs ?? defaultLeaseMs;
		this.backoffMs = options.backoffMs ?? 2000;
		this.backoffMaxMs = options.backoffMaxMs ?? 5 * 60_000;
	}

	private get s() {
		return jobStatements(this.db);
	}

	private iso(offsetMs = 0): string {
		return new Date(this.now() + offsetMs).toISOString();
	}

	async enqueue(jobs: NewJob[]): Promise<Job[]> {
		const now = this.iso();
		const ids = this.db.transaction(() => jobs.map(job => {
			const maxAttempts = job.maxAttempts ?? 3;
			const id = Number(this.s.insert.run({
				robot: job.robot, robot_file: job.robotFile, robot_text: job.robotText, customer_id: job.customerId,
				priority: priorities.indexOf(job.priority ?? 'normal'), max_attempts: maxAttempts, now,
			}).lastInsertRowid);
			for (const image of job.images ?? []) {
				this.s.insertImage.run(image.key, Buffer.from(image.png));
				this.s.insertJobImage.run(id, image.name, image.key);
			}
			return id;
		})).immediate();
		return ids.map(id => this.requireJob(id));
	}

	async lease(owner: string, options: {dryRun?: boolean} = {}): Promise<Lease | undefined> {
		const now = this.iso();
		return this.db.transaction(() => {
			this.reclaimExpired(now);
			const row = this.s.nextReady.get(now);
			if (!row) return undefined;
			const token = crypto.randomUUID();
			this.s.take.run({id: row.id, token, owner, expires: this.iso(this.leaseMs), now, dry_run: options.dryRun ? 1 : 0});
			const attempt = row.attempts + 1;
			const mode = options.dryRun ? ' on the dry-run driver (performs nothing, writes nothing to the CRM)' : '';
			this.s.insertLog.run({job_id: row.id, attempt, step: null, at: now, level: 'info', message: `attempt ${attempt} of ${row.max_attempts} started by ${owner}${mode}`, duration_ms: null, screenshot: null});
			const images = this.s.jobImages.all(row.id).map(image => ({name: image.name, key: image.sha256, png: new Uint8Array(image.png)}));
			return {jobId: row.id, token, owner, attempt, robot: row.robot, robotFile: row.robot_file, robotText: row.robot_text, customerId: row.customer_id, images};
		}).immediate();
	}

	/** A running job whose lease ran out lost its worker: run it again, or give up after the last attempt. */
	private reclaimExpired(now: string): void {
		for (const row of this.s.expired.all(now)) {
			const message = `worker ${row.lease_owner} stopped responding (lease expired) during attempt ${row.attempts}`;
			if (row.attempts >= row.max_attempts) this.s.finish.run({id: row.id, status: 'failed', error: message, now});
			else this.s.requeue.run({id: row.id, run_after: now, error: message, now});
			this.s.insertLog.run({job_id: row.id, attempt: row.attempts, step: null, at: now, level: 'error', message, duration_ms: null, screenshot: null});
		}
	}

	async heartbeat(lease: Lease): Promise<boolean> {
		return this.s.extend.run({id: lease.jobId, token: lease.token, expires: this.iso(this.leaseMs)}).changes === 1;
	}

	private assertHeld(lease: Lease): void {
		if (!this.s.holds.get(lease.jobId, lease.token)) {
			throw new RunStopped(`job #${lease.jobId} is no longer held by ${lease.owner} (cancelled, or its lease expired and another worker took it)`);
		}
	}

	async log(lease: Lease, level: LogLevel, message: string): Promise<void> {
		this.db.transaction(() => {
			this.assertHeld(lease);
			this.s.insertLog.run({job_id: lease.jobId, attempt: lease.attempt, step: null, at: this.iso(), level, message, duration_ms: null, screenshot: null});
		}).immediate();
	}

	async finishStep(lease: Lease, record: StepRecord, effect?: CrmEffect): Promise<{customer?: Customer}> {
		return this.db.transaction(() => {
			this.assertHeld(lease);
			let message = record.message;
			let customer: Customer | undefined;
			if (effect && lease.customerId !== null) {
				const pass = record.pass ?? '';
				const applied = this.s.effect.get(lease.jobId, record.number, pass);
				if (applied) message += ` (already done in attempt ${applied.attempt}; not repeated)`;
				else {
					customer = applyCrmEffect(this.db, lease.customerId, effect, {robot: lease.robot, jobId: lease.jobId});
					this.s.insertEffect.run(lease.jobId, record.number, pass, lease.attempt, this.iso());
				}
			}
			this.s.insertLog.run({
				job_id: lease.jobId, attempt: lease.attempt, step: record.number, at: this.iso(), level: record.level,
				message, duration_ms: record.durationMs, screenshot: record.screenshot ?? null,
			});
			return {customer};
		}).immediate();
	}

	async succeed(lease: Lease): Promise<boolean> {
		return this.db.transaction(() => {
			const done = this.s.finishLeased.run({id: lease.jobId, token: lease.token, status: 'succeeded', error: null, now: this.iso()}).changes === 1;
			if (done) this.s.insertLog.run({job_id: lease.jobId, attempt: lease.attempt, step: null, at: this.iso(), level: 'info', message: `attempt ${lease.attempt} succeeded`, duration_ms: null, screenshot: null});
			return done;
		}).immediate();
	}

	async fail(lease: Lease, message: string): Promise<FailOutcome> {
		return this.db.transaction((): FailOutcome => {
			const row = this.s.byId.get(lease.jobId);
			if (!row || row.status !== 'running' || row.lease_token !== lease.token) return 'lost';
			const now = this.iso();
			const log = (text: string) => this.s.insertLog.run({job_id: lease.jobId, attempt: lease.attempt, step: null, at: now, level: 'error', message: text, duration_ms: null, screenshot: null});
			if (row.attempts >= row.max_attempts) {
				this.s.finishLeased.run({id: lease.jobId, token: lease.token, status: 'failed', error: message, now});
				log(`attempt ${lease.attempt} of ${row.max_attempts} failed: ${message}; no attempts left`);
				return 'failed';
			}
			const delay = Math.min(this.backoffMs * 2 ** (row.attempts - 1), this.backoffMaxMs);
			this.s.requeueLeased.run({id: lease.jobId, token: lease.token, run_after: this.iso(delay), error: message, now});
			log(`attempt ${lease.attempt} of ${row.max_attempts} failed: ${message}; retrying in ${formatDuration(delay)}`);
			return 'retrying';
		}).immediate();
	}

	async cancel(jobId: number): Promise<Job> {
		return this.db.transaction(() => {
			const job = this.requireJob(jobId);
			if (job.status !== 'queued' && job.status !== 'running') throw new ConflictError(`job #${jobId} is ${job.status}; only queued or running jobs can be cancelled`);
			const now = this.iso();
			this.s.finish.run({id: jobId, status: 'cancelled', error: 'cancelled by an operator', now});
			this.s.insertLog.run({job_id: jobId, attempt: job.attempts, step: null, at: now, level: 'warn', message: 'cancelled by an operator', duration_ms: null, screenshot: null});
			return this.requireJob(jobId);
		}).immediate();
	}

	async retry(jobId: number): Promise<Job> {
		return this.db.transaction(() => {
			const job = this.requireJob(jobId);
			if (job.status !== 'failed' && job.status !== 'cancelled') {
				throw new ConflictError(`job #${jobId} is ${job.status}; only failed or cancelled jobs can be retried${job.status === 'succeeded' ? ' (enqueue the robot again to rerun it)' : ''}`);
			}
			const now = this.iso();
			this.s.retry.run({id: jobId, now});
			this.s.insertLog.run({job_id: jobId, attempt: job.attempts, step: null, at: now, level: 'info', message: 'queued again by an operator', duration_ms: null, screenshot: null});
			return this.requireJob(jobId);
		}).immediate();
	}

	async get(jobId: number): Promise<Job | undefined> {
		const row = this.s.byId.get(jobId);
		return row ? jobFromRow(row) : undefined;
	}

	private requireJob(jobId: number): Job {
		const row = this.s.byId.get(jobId);
		if (!row) throw new NotFoundError(`no job #${jobId}`);
		return jobFromRow(row);
	}

	async list(options: {status?: JobStatus; limit?: number} = {}): Promise<Job[]> {
		const limit = options.limit ?? 100;
		const rows = options.status ? this.s.listByStatus.all(options.status, limit) : this.s.list.all(limit);
		return rows.map(jobFromRow);
	}

	async logs(jobId: number, options: {afterId?: number; limit?: number} = {}): Promise<JobLog[]> {
		return this.s.logs.all(jobId, options.afterId ?? 0, options.limit ?? 10_000);
	}

	async nextWakeup(): Promise<number | undefined> {
		const {next} = this.s.nextEvent.get()!;
		return next === null ? undefined : Math.max(0, Date.parse(next) - this.now());
	}
}

function jobFromRow(row: JobRow): Job {
	const {robot_text: _text, lease_token: _token, attempts_granted: _granted, priority, dry_run: dryRun, ...rest} = row;
	return {...rest, priority: priorities[priority] ?? 'normal', dry_run: dryRun === 1};
}

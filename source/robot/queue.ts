import type {Customer} from '../customers/customer-fields.js';
import type {ChangeOrigin} from '../events/record-events.js';
import type {CrmEffect} from './crm-effects.js';
import type {ImageRef} from './looks.js';
import type {LogLevel, StepRecord} from './runner.js';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const priorities = ['high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];

export type Job = {
	id: number;
	robot: string;
	robot_file: string;
	customer_id: number | null;
	/** The customer's name when the job was listed, for people reading the queue. */
	customer_name: string | null;
	priority: Priority;
	status: JobStatus;
	attempts: number;
	max_attempts: number;
	run_after: string;
	/** The worker holding the job now (while it runs). */
	lease_owner: string | null;
	lease_expires_at: string | null;
	created_at: string;
	started_at: string | null;
	finished_at: string | null;
	updated_at: string;
	last_error: string | null;
	/** Its last attempt ran on the dry-run driver: nothing was done on the desktop or in the CRM. */
	dry_run: boolean;
	/** The worker that runs or ran its latest attempt (`host:pid`, or its `--name`); null before the first. */
	worker: string | null;
	/** Where it came from (source/automation): the batch of a `robot enqueue --segment`, a schedule and its due time, a record trigger. */
	batch_id: number | null;
	schedule: string | null;
	scheduled_for: string | null;
	trigger_name: string | null;
	/** How many record triggers led to it (a trigger fired by a robot's change is one more). */
	trigger_depth: number;
	/** Its robot touches the screen: only a worker with a display leases it. */
	needs_desktop: boolean;
};

export type JobLog = {
	id: number;
	job_id: number;
	attempt: number;
	/** The step's number in the robot file; null for the job's own lines (started, retrying, ...). */
	step: number | null;
	at: string;
	level: LogLevel;
	message: string;
	duration_ms: number | null;
	screenshot: string | null;
};

export type NewJob = {
	robot: string;
	robotFile: string;
	/** The robot file as it is now: the job runs this text even if the file changes later. */
	robotText: string;
	/** The images the robot looks for, kept with the job like its text. */
	images?: ImageRef[];
	customerId: number | null;
	priority?: Priority;
	maxAttempts?: number;
	/** Whether its robot needs a desktop (source/robot/drivers.ts); true when not said. */
	needsDesktop?: boolean;
	/** What queued it, when not a person: source/automation. */
	origin?: JobOrigin;
};

export type JobOrigin = {batchId?: number; schedule?: string; scheduledFor?: string; trigger?: string; triggerDepth?: number};

/** A job this worker holds; every write for it names the token. */
export type Lease = {
	jobId: number;
	token: string;
	owner: string;
	attempt: number;
	robot: string;
	robotFile: string;
	robotText: string;
	customerId: number | null;
	/** The images the job's robot looks for, as they were when it was queued. */
	images: ImageRef[];
	/** Who the job's CRM changes come from (the robot as actor, the job, the trigger that queued it and how deep in a chain), for history and record triggers. */
	origin: ChangeOrigin;
};

/** How a queue behaves; every engine takes the same options. */
export type QueueOptions = {
	/** Epoch milliseconds; tests move time forward instead of waiting. */
	now?: () => number;
	/** How long a lease lasts without a heartbeat: a dead worker's job is free again after this. */
	leaseMs?: number;
	/** The first retry waits this long, each next one twice as long. */
	backoffMs?: number;
	backoffMaxMs?: number;
};

export const defaultLeaseMs = 10_000;

export type LeaseOptions = {
	dryRun?: boolean;
	/** A worker without a display leases only jobs whose robots need none (email, log, update, ...). */
	headless?: boolean;
};

export type FailOutcome = 'retrying' | 'failed' | 'lost';

/**
 * The robot queue, on SQLite or PostgreSQL (source/robot/job-queue.ts, with what differs by
 * engine in queue-sqlite.ts and queue-postgres.ts). Workers on many hosts may share one.
 */
export interface JobQueue {
	enqueue(jobs: NewJob[]): Promise<Job[]>;
	/** The next ready job (priority, then age) leased to `owner`, or nothing. Expired leases are reclaimed first. */
	lease(owner: string, options?: LeaseOptions): Promise<Lease | undefined>;
	/** Extends the lease; false when it is lost (cancelled, or expired and taken by another worker). */
	heartbeat(lease: Lease): Promise<boolean>;
	/** A job-level log line. Throws RunStopped when the lease is lost. */
	log(lease: Lease, level: LogLevel, message: string): Promise<void>;
	/** A step's log row and its database effect, in one transaction. Throws RunStopped when the lease is lost. */
	finishStep(lease: Lease, record: StepRecord, effect?: CrmEffect): Promise<{customer?: Customer}>;
	succeed(lease: Lease): Promise<boolean>;
	/** Retries later with exponential backoff while attempts remain, else marks the job failed. */
	/** `final`: no retry helps (an email that may already be out); the job fails now, whatever attempts are left. */
	fail(lease: Lease, message: string, options?: {final?: boolean}): Promise<FailOutcome>;
	cancel(jobId: number): Promise<Job>;
	retry(jobId: number): Promise<Job>;
	get(jobId: number): Promise<Job | undefined>;
	list(options?: {status?: JobStatus; limit?: number}): Promise<Job[]>;
	logs(jobId: number, options?: {afterId?: number; limit?: number}): Promise<JobLog[]>;
	/** Milliseconds until a job may become ready (0: now), or undefined when nothing is queued or running. */
	nextWakeup(options?: {headless?: boolean}): Promise<number | undefined>;
	/**
	 * An idle worker's sleep: resolves after `ms` or as soon as work may have appeared (on
	 * PostgreSQL a NOTIFY from any host; on SQLite it just sleeps, polling is cheap there).
	 */
	waitForWork(ms: number, signal: AbortSignal): Promise<void>;
	/** How long an idle worker waits when it knows of nothing due: the poll, or the safety net under NOTIFY. */
	readonly idleMs: number;
	/** Ends what the queue holds besides the store (the LISTEN connection). */
	close(): Promise<void>;
}

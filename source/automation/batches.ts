import {sql, type Selectable} from 'kysely';
import {NotFoundError, UserError} from '../store/errors.js';
import type {Db} from '../store/store.js';
import type {BatchesTable} from '../store/tables.js';
import {jobStatuses, type Job, type JobStatus, type Priority} from '../robot/queue.js';
import {openJobQueue} from '../robot/open-queue.js';
import {jobFromRow, listedJobs} from '../robot/job-rows.js';
import {jobFor, type RobotCopy} from './robot-copy.js';
import {segmentCustomers} from './segment-query.js';
import type {Segment} from './segment-definition.js';

/** A batch as stored. */
export type Batch = Selectable<BatchesTable>;

export type BatchProgress = Batch & Record<JobStatus, number>;

/** Customers who have a queued or running job of this robot now (`--skip-pending`). */
export async function customersWithPendingJobs(db: Db, robot: string): Promise<Set<number>> {
	const rows = await db.db.selectFrom('jobs').select('customer_id').distinct()
		.where('robot', '=', robot).where('status', 'in', ['queued', 'running']).where('customer_id', 'is not', null).execute();
	return new Set(rows.map(row => Number(row.customer_id)));
}

export type BatchRequest = {
	copy: RobotCopy;
	/** The segment's customers at this moment, or the customers given. */
	segment?: Segment;
	customerIds?: number[];
	skipPending?: boolean;
	priority?: Priority;
	maxAttempts?: number;
	/** Who asked (`operator`, a schedule's name). */
	createdBy: string;
	schedule?: {name: string; scheduledFor: string};
	now?: Date;
};

/**
 * One job per customer as one batch, in one transaction: the batch row, every job, and the
 * check for pending jobs see the same moment, so a batch is whole or absent, and two batches
 * with --skip-pending at once never both queue the same customer.
 */
export async function enqueueBatch(db: Db, request: BatchRequest): Promise<{batch: Batch; jobs: Job[]}> {
	const now = request.now ?? new Date();
	return db.write(async tx => {
		// PostgreSQL: batches of one robot with --skip-pending take turns, so each sees the other's jobs.
		if (tx.engine === 'postgres' && request.skipPending) await sql`SELECT pg_advisory_xact_lock(hashtext(${`opsdesk batch ${request.copy.robot.name}`}))`.execute(tx.db);
		const ids: number[] = [];
		if (request.segment) for await (const customer of segmentCustomers(tx, request.segment.definition, now)) ids.push(customer.id);
		else ids.push(...(request.customerIds ?? []));
		const pending = request.skipPending ? await customersWithPendingJobs(tx, request.copy.robot.name) : new Set<number>();
		const chosen = ids.filter(id => !pending.has(id));
		const inserted = await tx.db.insertInto('batches').values({
			robot: request.copy.robot.name, segment: request.segment?.name ?? null, schedule: request.schedule?.name ?? null,
			created_at: now.toISOString(), created_by: request.createdBy, jobs: chosen.length, skipped: ids.length - chosen.length,
		}).returning('id').executeTakeFirstOrThrow();
		const batchId = Number(inserted.id);
		const origin = {batchId, ...(request.schedule ? {schedule: request.schedule.name, scheduledFor: request.schedule.scheduledFor} : {})};
		const queue = openJobQueue(tx);
		const jobs = chosen.length === 0 ? [] : await queue.enqueue(chosen.map(id => jobFor(request.copy, id, {origin, priority: request.priority, maxAttempts: request.maxAttempts})));
		return {batch: (await getBatch(tx, batchId))!, jobs};
	});
}

function batchFromRow(row: Record<string, unknown>): Batch {
	return {
		id: Number(row.id), robot: String(row.robot), segment: (row.segment as string | null) ?? null, schedule: (row.schedule as string | null) ?? null,
		created_at: String(row.created_at), created_by: String(row.created_by), jobs: Number(row.jobs), skipped: Number(row.skipped),
	};
}

export async function getBatch(db: Db, id: number): Promise<Batch | undefined> {
	const row = await db.db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
	return row ? batchFromRow(row) : undefined;
}

/** How far a batch has got: its jobs by status. */
export async function batchProgress(db: Db, id: number): Promise<BatchProgress> {
	const batch = await getBatch(db, id);
	if (!batch) throw new NotFoundError(`no batch #${id}`);
	const counts = await db.db.selectFrom('jobs').select(['status', eb => eb.fn.countAll<number>().as('jobs')]).where('batch_id', '=', id).groupBy('status').execute();
	const progress = {...batch} as BatchProgress;
	for (const status of jobStatuses) progress[status] = Number(counts.find(count => count.status === status)?.jobs ?? 0);
	return progress;
}

/** The newest batches with their progress (the Robots tab). */
export async function recentBatches(db: Db, limit = 20): Promise<BatchProgress[]> {
	const rows = await db.db.selectFrom('batches').select('id').orderBy('id', 'desc').limit(limit).execute();
	const found: BatchProgress[] = [];
	for (const row of rows) found.push(await batchProgress(db, Number(row.id)));
	return found;
}

/** `10 jobs: 4 queued, 1 running, 5 succeeded, 0 failed`, and cancelled ones when there are any. */
export function describeProgress(progress: BatchProgress): string {
	const parts = [`${progress.queued} queued`, `${progress.running} running`, `${progress.succeeded} succeeded`, `${progress.failed} failed`];
	if (progress.cancelled > 0) parts.push(`${progress.cancelled} cancelled`);
	return `${progress.jobs} job${progress.jobs === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The jobs of one batch, newest first, for `jobs list --batch`. */
export async function batchJobs(db: Db, id: number, options: {status?: JobStatus; limit?: number} = {}): Promise<Job[]> {
	if (!(await getBatch(db, id))) throw new UserError(`no batch #${id} (robot enqueue --segment prints a batch's number)`);
	let query = listedJobs(db).where('jobs.batch_id', '=', id).orderBy('jobs.id', 'desc').limit(options.limit ?? 100);
	if (options.status) query = query.where('jobs.status', '=', options.status);
	return (await query.execute()).map(jobFromRow);
}

import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {priorities} from '../robot/queue.js';
import {enqueueBatch} from './batches.js';
import {dueNow, localTime, mostCounted, nextDue} from './cron.js';
import {queueInTransaction} from './job-outbox.js';
import {jobFor, loadRobotCopy} from './robot-copy.js';
import {segmentById} from './segments.js';
import {timingOf, type ScheduleRow} from './schedules.js';

/** What one firing did, for the worker's output. */
export type Firing = {schedule: string; dueAt: string; jobs: number; missed: number; batchId: number | null; note: string; shown: string};

/**
 * Fires every schedule that is due at `now`, each in its own transaction. Any number of
 * workers may call this at once: a schedule's row is held while it fires (PostgreSQL: FOR
 * UPDATE; SQLite: the write lock), its run row (schedule, due time) is inserted once, and its
 * jobs carry a unique (schedule, due time, customer): one due time makes its jobs exactly once.
 */
export async function fireDueSchedules(db: Db, options: {now?: Date; worker: string}): Promise<Firing[]> {
	const now = options.now ?? new Date();
	const due = await db.db.selectFrom('schedules').select('id').where('paused', '=', 0).where('next_due_at', 'is not', null)
		.where('next_due_at', '<=', now.toISOString()).orderBy('next_due_at').execute();
	const firings: Firing[] = [];
	for (const {id} of due) {
		const firing = await fireSchedule(db, Number(id), now, options.worker);
		if (firing) firings.push(firing);
	}
	return firings;
}

async function lockedSchedule(tx: Db, id: number): Promise<ScheduleRow | undefined> {
	const {rows} = await sql<ScheduleRow>`SELECT * FROM schedules WHERE id = ${id} ${tx.engine === 'postgres' ? sql`FOR UPDATE` : sql``}`.execute(tx.db);
	return rows[0];
}

async function fireSchedule(db: Db, id: number, now: Date, worker: string): Promise<Firing | undefined> {
	return db.write(async tx => {
		const row = await lockedSchedule(tx, id);
		if (!row || row.paused === 1) return undefined;
		const timing = timingOf(row);
		const found = dueNow(timing, new Date(row.last_due_at), now);
		if (!found) {
			// Another worker fired it a moment ago: only the next due time needs saying.
			const next = nextDue(timing, new Date(row.last_due_at))?.toISOString() ?? null;
			if (next !== row.next_due_at) await tx.db.updateTable('schedules').set({next_due_at: next}).where('id', '=', id).execute();
			return undefined;
		}
		const dueAt = found.due.toISOString();
		const claimed = await tx.db.insertInto('schedule_runs').values({schedule_id: id, due_at: dueAt, fired_at: now.toISOString(), fired_by: worker, jobs: 0, missed: found.missed, batch_id: null, note: ''})
			.onConflict(conflict => conflict.columns(['schedule_id', 'due_at']).doNothing()).returning('schedule_id').executeTakeFirst();
		const next = nextDue(timing, found.due)?.toISOString() ?? null;
		await tx.db.updateTable('schedules').set({last_due_at: dueAt, next_due_at: next}).where('id', '=', id).execute();
		if (!claimed) return undefined;
		const {jobs, batchId, note} = await makeJobs(tx, row, dueAt, now);
		const missedNote = found.missed > 0 ? `${found.missed >= mostCounted ? `more than ${mostCounted}` : found.missed} earlier due time${found.missed === 1 ? '' : 's'} passed while no worker ran; fired once, for the latest` : '';
		const said = [missedNote, note].filter(Boolean).join('; ');
		await tx.db.updateTable('schedule_runs').set({jobs, batch_id: batchId, note: said}).where('schedule_id', '=', id).where('due_at', '=', dueAt).execute();
		return {schedule: row.name, dueAt, jobs, missed: found.missed, batchId, note: said, shown: localTime(found.due, row.timezone)};
	});
}

async function makeJobs(tx: Db, row: ScheduleRow, dueAt: string, now: Date): Promise<{jobs: number; batchId: number | null; note: string}> {
	const copy = await loadRobotCopy(tx, row);
	const options = {priority: priorities[row.priority] ?? 'normal', maxAttempts: row.max_attempts};
	if (row.segment_id !== null) {
		const segment = await segmentById(tx, Number(row.segment_id));
		if (!segment) return {jobs: 0, batchId: null, note: 'its segment no longer exists: no jobs'};
		const {batch} = await enqueueBatch(tx, {copy, segment, createdBy: `schedule ${row.name}`, schedule: {name: row.name, scheduledFor: dueAt}, now, ...options});
		return {jobs: batch.jobs, batchId: batch.id, note: batch.jobs === 0 ? `no customer is in segment ${segment.name} now` : ''};
	}
	if (row.customer_id !== null) {
		const customer = await tx.db.selectFrom('customers').select(['id', 'deleted_at']).where('id', '=', Number(row.customer_id)).executeTakeFirst();
		if (!customer || customer.deleted_at) return {jobs: 0, batchId: null, note: `customer #${row.customer_id} is ${customer ? 'deleted' : 'gone'}: no job`};
	}
	await queueInTransaction(tx, jobFor(copy, row.customer_id === null ? null : Number(row.customer_id), {origin: {schedule: row.name, scheduledFor: dueAt}, ...options}), now.toISOString());
	return {jobs: 1, batchId: null, note: ''};
}

/** When the next schedule is due (epoch ms), or undefined when none is. */
export async function nextScheduleDue(db: Db): Promise<number | undefined> {
	const found = await db.db.selectFrom('schedules').select(eb => eb.fn.min('next_due_at').as('next')).where('paused', '=', 0).executeTakeFirst();
	return typeof found?.next === 'string' ? Date.parse(found.next) : undefined;
}

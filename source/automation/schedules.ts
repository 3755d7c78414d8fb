import {sql, type Selectable} from 'kysely';
import {NotFoundError, ValidationError} from '../store/errors.js';
import {isUniqueViolation} from '../store/engine-sql.js';
import type {Db} from '../store/store.js';
import type {SchedulesTable} from '../store/tables.js';
import {priorities, type Priority} from '../robot/queue.js';
import {nextDue, type Timing} from './cron.js';
import {storeRobotCopy, type RobotCopy} from './robot-copy.js';
import {checkSegmentName} from './segment-definition.js';

export type ScheduleRow = Selectable<SchedulesTable>;

export type Schedule = {
	id: number;
	name: string;
	robot: string;
	robot_file: string;
	/** Whose jobs: a segment's customers, one customer, or none. */
	segment: string | null;
	customer_id: number | null;
	cron: string;
	timezone: string;
	skip_dates: string[];
	paused: boolean;
	priority: Priority;
	max_attempts: number;
	needs_desktop: boolean;
	created_at: string;
	updated_at: string;
	next_run: string | null;
	last_run: {due_at: string; fired_at: string; fired_by: string; jobs: number; missed: number; note: string} | null;
};

export type NewSchedule = {
	name: string;
	copy: RobotCopy;
	timing: Timing;
	segmentId?: number;
	customerId?: number;
	priority?: Priority;
	maxAttempts?: number;
	replace?: boolean;
};

export function timingOf(row: Pick<ScheduleRow, 'cron' | 'timezone' | 'skip_dates'>): Timing {
	return {cron: row.cron, timezone: row.timezone, skipDates: JSON.parse(row.skip_dates) as string[]};
}

/**
 * Adds a schedule (or replaces one of the same name). Only due times after now fire: a new
 * schedule never fires for times before it existed, and a replaced one keeps what it had done.
 */
export async function saveSchedule(db: Db, request: NewSchedule, now = new Date()): Promise<{replaced: boolean; next: Date | null}> {
	checkSegmentName(request.name, 'schedule');
	const next = nextDue(request.timing, now);
	try {
		return await db.write(async tx => {
			const found = await findScheduleRow(tx, request.name);
			if (found && !request.replace) throw new ValidationError('name', `a schedule named "${found.name}" already exists (--replace to change it)`);
			const done = found && found.last_due_at > now.toISOString() ? found.last_due_at : now.toISOString();
			const values = {
				name: request.name, ...(await storeRobotCopy(tx, request.copy)),
				segment_id: request.segmentId ?? null, customer_id: request.customerId ?? null,
				cron: request.timing.cron, timezone: request.timing.timezone, skip_dates: JSON.stringify(request.timing.skipDates),
				priority: priorities.indexOf(request.priority ?? 'normal'), max_attempts: request.maxAttempts ?? 3,
				updated_at: now.toISOString(), last_due_at: done, next_due_at: nextDue(request.timing, new Date(done))?.toISOString() ?? null,
			};
			if (found) await tx.db.updateTable('schedules').set(values).where('id', '=', found.id).execute();
			else await tx.db.insertInto('schedules').values({...values, paused: 0, created_at: now.toISOString()}).execute();
			return {replaced: Boolean(found), next};
		});
	} catch (error) {
		if (isUniqueViolation(error, 'schedules_by_name')) throw new ValidationError('name', `a schedule named "${request.name}" already exists`);
		throw error;
	}
}

export async function findScheduleRow(db: Db, name: string): Promise<ScheduleRow | undefined> {
	return db.db.selectFrom('schedules').selectAll().where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

export async function requireScheduleRow(db: Db, name: string): Promise<ScheduleRow> {
	const row = await findScheduleRow(db, name);
	if (!row) throw new NotFoundError(`no schedule named "${name}" (opsdesk schedules list shows them)`);
	return row;
}

export async function listSchedules(db: Db): Promise<Schedule[]> {
	const rows = await db.db.selectFrom('schedules').leftJoin('segments', 'segments.id', 'schedules.segment_id')
		.selectAll('schedules').select('segments.name as segment_name').orderBy(sql`lower(schedules.name)`).execute();
	const schedules: Schedule[] = [];
	for (const row of rows) {
		const last = await db.db.selectFrom('schedule_runs').select(['due_at', 'fired_at', 'fired_by', 'jobs', 'missed', 'note'])
			.where('schedule_id', '=', row.id).orderBy('due_at', 'desc').limit(1).executeTakeFirst();
		schedules.push({
			id: Number(row.id), name: row.name, robot: row.robot, robot_file: row.robot_file, segment: row.segment_name ?? null, customer_id: row.customer_id === null ? null : Number(row.customer_id),
			cron: row.cron, timezone: row.timezone, skip_dates: [...timingOf(row).skipDates], paused: row.paused === 1, priority: priorities[row.priority] ?? 'normal',
			max_attempts: row.max_attempts, needs_desktop: row.needs_desktop === 1, created_at: row.created_at, updated_at: row.updated_at,
			next_run: row.paused === 1 ? null : row.next_due_at, last_run: last ? {...last, jobs: Number(last.jobs), missed: Number(last.missed)} : null,
		});
	}
	return schedules;
}

/** The recent runs of one schedule, newest first. */
export async function scheduleRuns(db: Db, id: number, limit = 10) {
	return db.db.selectFrom('schedule_runs').selectAll().where('schedule_id', '=', id).orderBy('due_at', 'desc').limit(limit).execute();
}

/**
 * Pauses or resumes. A resumed schedule starts from now: the times it was paused through are
 * skipped, as a paused UiPath trigger does not catch up.
 */
export async function setSchedulePaused(db: Db, name: string, paused: boolean, now = new Date()): Promise<{row: ScheduleRow; next: Date | null}> {
	return db.write(async tx => {
		const row = await requireScheduleRow(tx, name);
		const done = paused || row.last_due_at > now.toISOString() ? row.last_due_at : now.toISOString();
		const next = paused ? null : nextDue(timingOf(row), new Date(done));
		await tx.db.updateTable('schedules').set({paused: paused ? 1 : 0, last_due_at: done, next_due_at: next?.toISOString() ?? null, updated_at: now.toISOString()})
			.where('id', '=', row.id).execute();
		return {row, next};
	});
}

export async function deleteSchedule(db: Db, name: string): Promise<ScheduleRow> {
	return db.write(async tx => {
		const row = await requireScheduleRow(tx, name);
		await tx.db.deleteFrom('schedules').where('id', '=', row.id).execute();
		return row;
	});
}

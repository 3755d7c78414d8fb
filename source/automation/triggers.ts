import {sql} from 'kysely';
import {NotFoundError, ValidationError} from '../store/errors.js';
import {isUniqueViolation} from '../store/engine-sql.js';
import type {Db} from '../store/store.js';
import type {Selectable} from 'kysely';
import type {TriggersTable} from '../store/tables.js';
import {priorities, type Priority} from '../robot/queue.js';
import {storeRobotCopy, type RobotCopy} from './robot-copy.js';
import {checkSegmentName} from './segment-definition.js';
import type {TriggerEvent, TriggerFilter} from './trigger-events.js';

export type TriggerRow = Selectable<TriggersTable>;

export type Trigger = {
	id: number;
	name: string;
	robot: string;
	robot_file: string;
	event: TriggerEvent;
	filter: TriggerFilter;
	segment: string | null;
	paused: boolean;
	priority: Priority;
	max_attempts: number;
	created_at: string;
	updated_at: string;
	/** When it last queued a job, and how many it has queued (from the jobs it made). */
	last_fired_at: string | null;
	jobs: number;
};

export type NewTrigger = {
	name: string;
	copy: RobotCopy;
	event: TriggerEvent;
	filter: TriggerFilter;
	segmentId?: number;
	priority?: Priority;
	maxAttempts?: number;
	replace?: boolean;
};

export function filterOf(row: Pick<TriggerRow, 'from_status' | 'to_status' | 'tag' | 'kind' | 'direction'>): TriggerFilter {
	const filter: TriggerFilter = {};
	if (row.from_status !== null) filter.from = row.from_status;
	if (row.to_status !== null) filter.to = row.to_status;
	if (row.tag !== null) filter.tag = row.tag;
	if (row.kind !== null) filter.kind = row.kind;
	if (row.direction !== null) filter.direction = row.direction;
	return filter;
}

/** Adds a trigger (or replaces one of the same name, taking the robot file as it is now). */
export async function saveTrigger(db: Db, request: NewTrigger, now = new Date().toISOString()): Promise<{replaced: boolean}> {
	checkSegmentName(request.name, 'trigger');
	try {
		return await db.write(async tx => {
			const found = await findTriggerRow(tx, request.name);
			if (found && !request.replace) throw new ValidationError('name', `a trigger named "${found.name}" already exists (--replace to change it)`);
			const values = {
				name: request.name, ...(await storeRobotCopy(tx, request.copy)), event: request.event,
				from_status: request.filter.from ?? null, to_status: request.filter.to ?? null, tag: request.filter.tag ?? null,
				kind: request.filter.kind ?? null, direction: request.filter.direction ?? null, segment_id: request.segmentId ?? null,
				priority: priorities.indexOf(request.priority ?? 'normal'), max_attempts: request.maxAttempts ?? 3, updated_at: now,
			};
			if (found) await tx.db.updateTable('triggers').set(values).where('id', '=', found.id).execute();
			else await tx.db.insertInto('triggers').values({...values, paused: 0, created_at: now}).execute();
			return {replaced: Boolean(found)};
		});
	} catch (error) {
		if (isUniqueViolation(error, 'triggers_by_name')) throw new ValidationError('name', `a trigger named "${request.name}" already exists`);
		throw error;
	}
}

export async function findTriggerRow(db: Db, name: string): Promise<TriggerRow | undefined> {
	return db.db.selectFrom('triggers').selectAll().where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

async function requireTriggerRow(db: Db, name: string): Promise<TriggerRow> {
	const row = await findTriggerRow(db, name);
	if (!row) throw new NotFoundError(`no trigger named "${name}" (opsdesk triggers list shows them)`);
	return row;
}

export async function listTriggers(db: Db): Promise<Trigger[]> {
	const rows = await db.db.selectFrom('triggers').leftJoin('segments', 'segments.id', 'triggers.segment_id')
		.selectAll('triggers').select('segments.name as segment_name').orderBy(sql`lower(triggers.name)`).execute();
	const fired = await db.db.selectFrom('jobs').select(['trigger_name', eb => eb.fn.max('created_at').as('last'), eb => eb.fn.countAll<number>().as('jobs')])
		.where('trigger_name', 'is not', null).groupBy('trigger_name').execute();
	return rows.map(row => {
		const made = fired.find(entry => entry.trigger_name === row.name);
		return {
			id: Number(row.id), name: row.name, robot: row.robot, robot_file: row.robot_file, event: row.event as TriggerEvent, filter: filterOf(row),
			segment: row.segment_name ?? null, paused: row.paused === 1, priority: priorities[row.priority] ?? 'normal', max_attempts: row.max_attempts,
			created_at: row.created_at, updated_at: row.updated_at, last_fired_at: (made?.last as string | undefined) ?? null, jobs: Number(made?.jobs ?? 0),
		};
	});
}

export async function setTriggerPaused(db: Db, name: string, paused: boolean, now = new Date().toISOString()): Promise<TriggerRow> {
	return db.write(async tx => {
		const row = await requireTriggerRow(tx, name);
		await tx.db.updateTable('triggers').set({paused: paused ? 1 : 0, updated_at: now}).where('id', '=', row.id).execute();
		return row;
	});
}

export async function deleteTrigger(db: Db, name: string): Promise<TriggerRow> {
	return db.write(async tx => {
		const row = await requireTriggerRow(tx, name);
		await tx.db.deleteFrom('triggers').where('id', '=', row.id).execute();
		return row;
	});
}

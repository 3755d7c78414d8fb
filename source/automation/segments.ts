import {sql} from 'kysely';
import {ConflictError, NotFoundError, ValidationError} from '../store/errors.js';
import {isUniqueViolation} from '../store/engine-sql.js';
import type {Db} from '../store/store.js';
import {checkDefinition, checkSegmentName, parseDefinition, type Segment, type SegmentDefinition} from './segment-definition.js';

function segmentFromRow(row: {id: number; name: string; definition: string; created_at: string; updated_at: string}): Segment {
	return {id: Number(row.id), name: row.name, definition: parseDefinition(row.definition), created_at: row.created_at, updated_at: row.updated_at};
}

/** Saves a segment; a name taken (in any case) is refused unless `replace`, which keeps its id (schedules and triggers follow it). */
export async function saveSegment(db: Db, name: string, input: SegmentDefinition, options: {replace?: boolean; now?: string} = {}): Promise<{segment: Segment; replaced: boolean}> {
	checkSegmentName(name);
	const definition = JSON.stringify(checkDefinition(input));
	const now = options.now ?? new Date().toISOString();
	try {
		return await db.write(async tx => {
			const found = await findSegment(tx, name);
			if (found && !options.replace) throw new ValidationError('name', `a segment named "${found.name}" already exists (segments show ${found.name}; --replace to change it)`);
			if (found) {
				await tx.db.updateTable('segments').set({name, definition, updated_at: now}).where('id', '=', found.id).execute();
				return {segment: (await findSegment(tx, name))!, replaced: true};
			}
			await tx.db.insertInto('segments').values({name, definition, created_at: now, updated_at: now}).execute();
			return {segment: (await findSegment(tx, name))!, replaced: false};
		});
	} catch (error) {
		// Two sessions adding the same name at once (PostgreSQL): the second is told as if it came later.
		if (isUniqueViolation(error, 'segments_by_name')) throw new ValidationError('name', `a segment named "${name}" already exists`);
		throw error;
	}
}

export async function findSegment(db: Db, name: string): Promise<Segment | undefined> {
	const row = await db.db.selectFrom('segments').selectAll().where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
	return row ? segmentFromRow(row) : undefined;
}

export async function requireSegment(db: Db, name: string): Promise<Segment> {
	const segment = await findSegment(db, name);
	if (!segment) throw new NotFoundError(`no segment named "${name}" (opsdesk segments list shows them)`);
	return segment;
}

export async function segmentById(db: Db, id: number): Promise<Segment | undefined> {
	const row = await db.db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
	return row ? segmentFromRow(row) : undefined;
}

export async function listSegments(db: Db): Promise<Segment[]> {
	const rows = await db.db.selectFrom('segments').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute();
	return rows.map(segmentFromRow);
}

/** Deletes a segment no schedule or trigger uses (they would otherwise lose their customers silently). */
export async function deleteSegment(db: Db, name: string): Promise<Segment> {
	return db.write(async tx => {
		const segment = await requireSegment(tx, name);
		const schedule = await tx.db.selectFrom('schedules').select('name').where('segment_id', '=', segment.id).executeTakeFirst();
		const trigger = await tx.db.selectFrom('triggers').select('name').where('segment_id', '=', segment.id).executeTakeFirst();
		if (schedule || trigger) {
			throw new ConflictError(`segment "${segment.name}" is used by ${schedule ? `schedule ${schedule.name}` : `trigger ${trigger!.name}`}; delete that first`);
		}
		await tx.db.deleteFrom('segments').where('id', '=', segment.id).execute();
		return segment;
	});
}

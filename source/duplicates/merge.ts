import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {systemClock, type Clock} from '../store/clock.js';
import {UserError, exitCodes} from '../store/errors.js';
import {emitRecordEvent, type ChangeOrigin} from '../events/record-events.js';
import {customerFieldNames, type Customer} from '../customers/customer-fields.js';
import {requireCustomer, updateCustomer} from '../customers/customers.js';
import {recordChanges} from '../customers/history.js';
import {mergedFields, type Prefer} from './merge-fields.js';
import {MergeJournal, movedTables, rollupTables, rowsOf, type MovedTable} from './merge-journal.js';
import {recomputeCustomerRollups} from './customer-rollups.js';

export type MergeOptions = {
	prefer?: Prefer;
	/** Work everything out inside a transaction that is then rolled back: nothing changes. */
	dryRun?: boolean;
	origin?: ChangeOrigin;
	clock?: Clock;
};

export type MergeResult = {
	/** The journal's id (undefined on a dry run). */
	mergeId: number | undefined;
	before: Customer;
	keep: Customer;
	others: Customer[];
	/** Fields of KEEP that changed. */
	changed: string[];
	/** Rows moved to KEEP, by table. */
	moved: Record<MovedTable, number>;
};

class DryRunDone extends Error {
	constructor(readonly result: MergeResult) {
		super('dry run');
	}
}

/**
 * Merges OTHERS into KEEP in one write transaction: their interactions, orders, robot jobs and
 * change history move to KEEP; KEEP's empty fields are filled from them (merge-fields.ts);
 * each of them is soft-deleted with `merged_into` pointing at KEEP; the report rollups of
 * all of them are recomputed. The journal (merge_rows) keeps the before-image of every row
 * touched, so `undoMerge` can put each back. One `customer.merged` event tells listeners.
 */
export async function mergeCustomers(db: Db, keepId: number, otherIds: readonly number[], options: MergeOptions = {}): Promise<MergeResult> {
	refuseOddIds(keepId, otherIds);
	const origin = options.origin ?? {actor: 'operator'};
	const now = (options.clock ?? systemClock)();
	const prefer = options.prefer ?? 'keep';
	try {
		return await db.write(async tx => {
			const journal = new MergeJournal();
			const before = await requireCustomer(tx, keepId, {forUpdate: true});
			const others: Customer[] = [];
			for (const id of otherIds) others.push(await liveOther(tx, id));
			const involved = [keepId, ...otherIds];
			const historyBefore = await maxId(tx, 'customer_history');
			for (const row of await rowsOf(tx, 'customers', 'id', involved)) journal.updated('customers', {id: Number(row.id)}, row);
			for (const table of rollupTables) {
				for (const row of await rowsOf(tx, table, 'customer_id', involved)) journal.deleted(table, rollupKey(row), row);
			}
			// The others go first: KEEP may take one of their emails, unique among live customers.
			for (const other of others) {
				await tx.db.updateTable('customers').set({deleted_at: now, updated_at: now, merged_into: keepId, version: sql<number>`version + 1`})
					.where('id', '=', other.id).execute();
				await recordChanges(tx, other.id, [{field: 'merged_into', before: null, after: `#${keepId}`}], origin.actor, now);
			}
			const moved = {} as Record<MovedTable, number>;
			for (const table of movedTables) {
				const rows = await rowsOf(tx, table, 'customer_id', otherIds);
				// History rows the merge itself just wrote stay with the customer they describe.
				const moving = rows.filter(row => !(table === 'customer_history' && Number(row.id) > historyBefore));
				for (const row of moving) journal.moved(table, row as {id: number});
				moved[table] = moving.length;
				const ids = moving.map(row => Number(row.id));
				for (let start = 0; start < ids.length; start += 500) {
					await sql`UPDATE ${sql.table(table)} SET customer_id = ${keepId} WHERE id IN (${sql.join(ids.slice(start, start + 500))})`.execute(tx.db);
				}
			}
			const fields = mergedFields(before, others, prefer);
			const keep = await updateCustomer(tx, keepId, fields, {origin, clock: () => now, quiet: true});
			await recordChanges(tx, keepId, [{field: 'merged', before: null, after: others.map(other => `#${other.id}`).join(', ')}], origin.actor, now);
			await recomputeCustomerRollups(tx, involved);
			const added = await tx.db.selectFrom('customer_history').select('id').where('id', '>', historyBefore).where('customer_id', 'in', involved).execute();
			for (const row of added) journal.inserted('customer_history', {id: Number(row.id)});
			const after = await requireCustomer(tx, keepId);
			const changed = customerFieldNames.filter(field => String(before[field]) !== String(after[field]));
			const othersAfter = await Promise.all(others.map(other => requireCustomer(tx, other.id, {includeDeleted: true})));
			const result: MergeResult = {mergeId: undefined, before, keep: after, others: othersAfter, changed, moved};
			if (options.dryRun) throw new DryRunDone(result);
			const record = await tx.db.insertInto('merges').values({
				keep_id: keepId, other_ids: JSON.stringify(otherIds), prefer, at: now, actor: origin.actor, keep_version: keep.version,
				summary: JSON.stringify({changed, moved}),
			}).returning('id').executeTakeFirstOrThrow();
			const mergeId = Number(record.id);
			await journal.write(tx, mergeId);
			await emitRecordEvent(tx, {type: 'customer.merged', mergeId, before, keep: after, others: othersAfter}, origin);
			return {...result, mergeId};
		});
	} catch (error) {
		if (error instanceof DryRunDone) return error.result;
		throw error;
	}
}

function refuseOddIds(keepId: number, otherIds: readonly number[]): void {
	if (otherIds.length === 0) throw new UserError('name at least one customer to merge into the one kept', exitCodes.usage);
	if (otherIds.includes(keepId)) throw new UserError(`customer #${keepId} cannot be merged into itself`, exitCodes.usage);
	const repeated = otherIds.find((id, index) => otherIds.indexOf(id) !== index);
	if (repeated !== undefined) throw new UserError(`customer #${repeated} is named twice`, exitCodes.usage);
}

/** A customer to merge: live, and not merged already. */
async function liveOther(db: Db, id: number): Promise<Customer> {
	const customer = await requireCustomer(db, id, {forUpdate: true, includeDeleted: true});
	if (customer.deleted_at) {
		const row = await db.db.selectFrom('customers').select('merged_into').where('id', '=', id).executeTakeFirst();
		const where = row?.merged_into ? ` (merged into #${row.merged_into})` : '';
		throw new UserError(`customer #${id} is deleted${where}; only live customers are merged`, exitCodes.conflict);
	}
	return customer;
}

async function maxId(db: Db, table: 'customer_history'): Promise<number> {
	const found = await db.db.selectFrom(table).select(eb => eb.fn.max('id').as('last')).executeTakeFirst();
	return Number(found?.last ?? 0);
}

export function rollupKey(row: Record<string, unknown>): Record<string, unknown> {
	const {customer_id, currency, month} = row;
	return month === undefined ? {customer_id: Number(customer_id), currency} : {customer_id: Number(customer_id), currency, month};
}

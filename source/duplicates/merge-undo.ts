import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {systemClock, type Clock} from '../store/clock.js';
import {ConflictError, NotFoundError} from '../store/errors.js';
import {emitRecordEvent, type ChangeOrigin} from '../events/record-events.js';
import type {Customer} from '../customers/customer-fields.js';
import {requireCustomer} from '../customers/customers.js';
import {searchTextOf} from '../customers/search-text.js';
import {searchUpkeep} from '../customers/search-upkeep.js';
import {rankFor} from '../customers/name-rank.js';
import {journalOf, type JournalRow} from './merge-journal.js';
import {recomputeCustomerRollups} from './customer-rollups.js';

export type UndoOptions = {
	/** Undo even though KEEP (or a merged customer) changed since the merge: their later edits are lost. */
	force?: boolean;
	origin?: ChangeOrigin;
	clock?: Clock;
};

export type UndoResult = {mergeId: number; keep: Customer; others: Customer[]};

/**
 * Puts a merge back: every row the merge touched gets its before-image again (KEEP and the
 * merged customers whole, moved rows their customer), rows the merge wrote are removed, the
 * report rollups are recomputed, and the merge is marked undone. Refused (exit 3) when KEEP
 * changed since the merge, a merged customer was restored or changed, or a moved row moved
 * on, unless `force`. Rows added to KEEP after the merge stay with KEEP.
 */
export async function undoMerge(db: Db, mergeId: number, options: UndoOptions = {}): Promise<UndoResult> {
	const origin = options.origin ?? {actor: 'operator'};
	const now = (options.clock ?? systemClock)();
	return db.write(async tx => {
		const merge = await tx.db.selectFrom('merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
		if (!merge) throw new NotFoundError(`no merge #${mergeId} (opsdesk merges list shows them)`);
		if (merge.undone_at) throw new ConflictError(`merge #${mergeId} was undone already (${merge.undone_at}, by ${merge.undone_by})`);
		const keepId = Number(merge.keep_id);
		const otherIds = JSON.parse(merge.other_ids) as number[];
		const journal = await journalOf(tx, mergeId);
		const keepNow = await requireCustomer(tx, keepId, {includeDeleted: true, forUpdate: true});
		await refuseIfBuiltOn(tx, mergeId, [keepId, ...otherIds]);
		if (!options.force) {
			await refuseIfChanged(tx, mergeId, keepNow, Number(merge.keep_version), otherIds);
			await refuseIfMovedOn(tx, mergeId, keepId, journal);
		}
		const images = new Map<number, Record<string, unknown>>();
		for (const row of journal) {
			if (row.table_name === 'customers' && row.action === 'updated') images.set(Number(keyOf(row).id), JSON.parse(row.before!) as Record<string, unknown>);
		}
		await refuseIfEmailTaken(tx, mergeId, [keepId, ...otherIds], images);
		// KEEP first: it may hold an email one of the others gets back.
		await restoreCustomerRow(tx, keepId, images.get(keepId)!, keepNow);
		for (const id of otherIds) {
			const current = await requireCustomer(tx, id, {includeDeleted: true, forUpdate: true});
			await restoreCustomerRow(tx, id, images.get(id)!, current);
		}
		for (const row of journal) {
			if (row.action !== 'moved') continue;
			const before = JSON.parse(row.before!) as {customer_id: number};
			await sql`UPDATE ${sql.table(row.table_name)} SET customer_id = ${before.customer_id} WHERE id = ${keyOf(row).id} AND customer_id = ${keepId}`.execute(tx.db);
		}
		const inserted = journal.filter(row => row.action === 'inserted' && row.table_name === 'customer_history').map(row => Number(keyOf(row).id));
		if (inserted.length > 0) await tx.db.deleteFrom('customer_history').where('id', 'in', inserted).execute();
		await restoreRollups(tx, [keepId, ...otherIds], journal);
		await tx.db.updateTable('merges').set({undone_at: now, undone_by: origin.actor}).where('id', '=', mergeId).execute();
		// The before-images are customer data that is live again: the journal's work is done.
		await tx.db.deleteFrom('merge_rows').where('merge_id', '=', mergeId).execute();
		const keep = await requireCustomer(tx, keepId, {includeDeleted: true});
		const others = await Promise.all(otherIds.map(id => requireCustomer(tx, id, {includeDeleted: true})));
		await emitRecordEvent(tx, {type: 'customer.unmerged', mergeId, before: keepNow, keep, others}, origin);
		return {mergeId, keep, others};
	});
}

async function refuseIfChanged(db: Db, mergeId: number, keep: Customer, keepVersion: number, otherIds: readonly number[]): Promise<void> {
	const force = 'undo anyway with --force (later changes to them are lost)';
	if (keep.deleted_at) throw new ConflictError(`customer #${keep.id}, kept by merge #${mergeId}, is deleted now; restore it first, or ${force}`);
	if (keep.version !== keepVersion) {
		throw new ConflictError(`customer #${keep.id} changed since merge #${mergeId} (version ${keep.version}, the merge left ${keepVersion}); ${force}`);
	}
	const others = await db.db.selectFrom('customers').select(['id', 'deleted_at', 'merged_into']).where('id', 'in', [...otherIds]).execute();
	for (const other of others) {
		if (!other.deleted_at || Number(other.merged_into) !== keep.id) {
			throw new ConflictError(`customer #${other.id}, merged by merge #${mergeId}, was restored or changed since; ${force}`);
		}
	}
}

/**
 * A later merge that kept or merged one of these customers still stands: undoing this one
 * first would put back rows the later one moved on, so even --force waits for it.
 */
async function refuseIfBuiltOn(db: Db, mergeId: number, involved: readonly number[]): Promise<void> {
	const later = await db.db.selectFrom('merges').select(['id', 'keep_id', 'other_ids']).where('id', '>', mergeId).where('undone_at', 'is', null).orderBy('id', 'desc').execute();
	for (const merge of later) {
		const touched = [Number(merge.keep_id), ...(JSON.parse(merge.other_ids) as number[])];
		const shared = touched.find(id => involved.includes(id));
		if (shared === undefined) continue;
		throw new ConflictError(`merge #${merge.id}, made later, also merged customer #${shared}; undo it first (opsdesk merges undo ${merge.id}), then merge #${mergeId}`);
	}
}

/** A row the merge moved to KEEP that is now another customer's (an order given to someone else): undoing would take it back. */
async function refuseIfMovedOn(db: Db, mergeId: number, keepId: number, journal: readonly JournalRow[]): Promise<void> {
	const byTable = new Map<string, number[]>();
	for (const row of journal) {
		if (row.action === 'moved') byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), Number(keyOf(row).id)]);
	}
	for (const [table, ids] of byTable) {
		for (let start = 0; start < ids.length; start += 500) {
			const chunk = ids.slice(start, start + 500);
			const away = await sql<{id: number; customer_id: number}>`SELECT id, customer_id FROM ${sql.table(table)} WHERE id IN (${sql.join(chunk)}) AND customer_id <> ${keepId} LIMIT 1`.execute(db.db);
			const row = away.rows[0];
			if (row) {
				throw new ConflictError(`${table.replace('customer_history', 'history entry').replace(/s$/u, '')} #${row.id}, moved to #${keepId} by merge #${mergeId}, belongs to customer #${row.customer_id} now; undo anyway with --force (it stays where it is)`);
			}
		}
	}
}

/** Emails are unique among live customers: one a merged customer gets back may have been given to someone else since. */
async function refuseIfEmailTaken(db: Db, mergeId: number, involved: readonly number[], images: ReadonlyMap<number, Record<string, unknown>>): Promise<void> {
	for (const id of involved) {
		const before = images.get(id);
		const email = String(before?.email ?? '');
		if (!before || before.deleted_at !== null || email === '') continue;
		const holder = await db.db.selectFrom('customers').select(['id', 'name']).where('deleted_at', 'is', null).where('id', 'not in', [...involved])
			.where(eb => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
		if (holder) {
			throw new ConflictError(`customer #${id} would get its email ${email} back, but customer #${holder.id} ${holder.name} uses it now; change that customer's email first, then undo merge #${mergeId}`);
		}
	}
}

/** A customer row as it was, exactly; its search entry follows (SQLite), and its rank if another took it meanwhile. */
async function restoreCustomerRow(db: Db, id: number, before: Record<string, unknown>, current: Customer): Promise<void> {
	const upkeep = searchUpkeep(db);
	const row = await db.db.selectFrom('customers').select(['name_rank']).where('id', '=', id).executeTakeFirstOrThrow();
	const currentRank = Number(row.name_rank);
	let rank = Number(before.name_rank);
	const moved = rank !== currentRank || searchTextOf(current).searchText !== before.search_text;
	if (moved) await upkeep.remove(db, currentRank);
	if (rank !== currentRank) {
		const taken = await db.db.selectFrom('customers').select('id').where('name_rank', '=', rank).where('id', '!=', id).executeTakeFirst();
		if (taken) rank = await rankFor(db, String(before.name_key), id);
	}
	const {id: _id, ...columns} = before;
	await db.db.updateTable('customers').set({...columns, name_rank: rank} as never).where('id', '=', id).execute();
	if (moved) {
		const text = searchTextOf({name: String(before.name), company: String(before.company), email: String(before.email), phone: String(before.phone)});
		await upkeep.add(db, rank, {substringText: text.substringText, searchWords: text.searchWords});
	}
}

/**
 * The rollups recomputed from the orders as they are back now, and the rows the merge removed
 * that held nothing (a customer whose revenue orders all changed status keeps a row of zeros)
 * put back, so a merge undone at once leaves the rollups exactly as they were.
 */
async function restoreRollups(db: Db, customerIds: readonly number[], journal: readonly JournalRow[]): Promise<void> {
	await recomputeCustomerRollups(db, customerIds);
	for (const row of journal) {
		if (row.action !== 'deleted') continue;
		const before = JSON.parse(row.before!) as {revenue: number; orders: number};
		if (Number(before.revenue) !== 0 || Number(before.orders) !== 0) continue;
		await sql`INSERT INTO ${sql.table(row.table_name)} ${sql.raw(`(${Object.keys(before).join(', ')})`)} VALUES (${sql.join(Object.values(before))})
			ON CONFLICT DO NOTHING`.execute(db.db);
	}
}

function keyOf(row: JournalRow): Record<string, number | string> {
	return JSON.parse(row.row_key) as Record<string, number | string>;
}


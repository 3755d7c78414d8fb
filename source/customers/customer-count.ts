import {sql, type RawBuilder} from 'kysely';
import type {Db} from '../store/store.js';
import {indexedBy} from '../store/engine-sql.js';
import type {Customer, CustomerStatus} from './customer-fields.js';
import {cursorOf, listCustomers, type ListCursor} from './customer-list.js';

export type CountFilter = {search?: string; status?: CustomerStatus | 'deleted'};

/** How many; `more` when counting stopped at the cap (a common search term at a million customers). */
export type Count = {count: number; more: boolean};

/**
 * Counts are done in slices of a few milliseconds each, with a turn of the event loop
 * between slices: a count over a million rows takes tens of milliseconds, long enough to be
 * felt if keys had to wait behind it. `signal` stops a count nobody wants any more (the
 * search changed meanwhile).
 */
export type CountOptions = {signal?: AbortSignal};

/** Rank ranges per plain count: each a fortieth of the names, a millisecond or two at a million. */
const rankSlices = 40;
/** Search matches read per slice. */
const searchSlice = 20;

/** A turn of the event loop, so keys that arrived meanwhile are handled before the next slice. */
async function between(signal: AbortSignal | undefined): Promise<void> {
	await new Promise(resolve => setImmediate(resolve));
	signal?.throwIfAborted();
}

function rankCondition(filter: CountFilter): {where: RawBuilder<unknown>; index: string} {
	if (filter.status === 'deleted') return {where: sql.raw('deleted_at IS NOT NULL'), index: 'customers_deleted_by_rank'};
	const where = filter.status ? sql`deleted_at IS NULL AND status = ${filter.status}` : sql.raw('deleted_at IS NULL');
	return {where, index: 'customers_live_by_rank'};
}

/** Counts the rows of the rank index with name_rank below `below` (all when absent), a slice at a time. */
async function countRanks(db: Db, filter: CountFilter, options: CountOptions, below?: number): Promise<Count> {
	const {where, index} = rankCondition(filter);
	// Two queries, not min() and max() in one: each alone is a single index lookup.
	const edge = async (order: 'ASC' | 'DESC') => {
		const found = await sql<{name_rank: number}>`SELECT name_rank FROM customers ${indexedBy(db, index)} WHERE ${where} ORDER BY name_rank ${sql.raw(order)} LIMIT 1`.execute(db.db);
		const rank = found.rows[0]?.name_rank;
		return rank === undefined ? undefined : Number(rank);
	};
	const low = await edge('ASC');
	if (low === undefined) return {count: 0, more: false};
	const end = below ?? (await edge('DESC'))! + 1;
	const step = Math.max(1, Math.ceil((end - low) / rankSlices));
	let count = 0;
	for (let from = low; from < end; from += step) {
		const found = await sql<{count: number | string}>`SELECT count(*) AS count FROM customers ${indexedBy(db, index)}
			WHERE ${where} AND name_rank >= ${from} AND name_rank < ${Math.min(end, from + step)}`.execute(db.db);
		count += Number(found.rows[0]?.count ?? 0);
		if (from + step < end) await between(options.signal);
	}
	return {count, more: false};
}

/** Counts search matches in pages, forward from the start or backward from a customer, up to `cap`. */
async function countMatches(db: Db, filter: CountFilter, cap: number, options: CountOptions, from?: Customer): Promise<Count> {
	let cursor: ListCursor | undefined = from ? cursorOf(from) : undefined;
	let count = 0;
	for (;;) {
		const page = await listCustomers(db, {search: filter.search, status: filter.status, cursor, direction: from ? 'backward' : 'forward', limit: Math.min(searchSlice, cap - count + 1)});
		count += page.customers.length;
		if (count > cap) return {count: cap, more: true};
		if (!page.hasMore || page.customers.length === 0) return {count, more: false};
		cursor = cursorOf(from ? page.customers[0]! : page.customers.at(-1)!);
		await between(options.signal);
	}
}

/**
 * The customers a list shows (its header's "of 1,003,442", "matches 37"). Without a search
 * it is exact, from the rank index alone; a search is counted up to `cap` matches.
 */
export function countCustomers(db: Db, filter: CountFilter, options: CountOptions & {cap?: number} = {}): Promise<Count> {
	return filter.search?.trim() ? countMatches(db, filter, options.cap ?? 1000, options) : countRanks(db, filter, options);
}

/** How many customers of the list come before this one (its position less one), up to `cap` for a search. */
export async function countCustomersBefore(db: Db, filter: CountFilter, customer: Customer, options: CountOptions & {cap?: number} = {}): Promise<Count> {
	if (filter.search?.trim()) return countMatches(db, filter, options.cap ?? 1000, options, customer);
	const found = await sql<{name_rank: number}>`SELECT name_rank FROM customers WHERE id = ${customer.id}`.execute(db.db);
	const rank = found.rows[0]?.name_rank;
	if (rank === undefined) return {count: 0, more: false};
	return countRanks(db, filter, options, Number(rank));
}

import type {Database} from 'better-sqlite3';
import {preparedFor} from '../store/statements.js';
import type {Customer, CustomerStatus} from './customer-fields.js';
import {cursorOf, listCustomers, type ListCursor} from './customer-list.js';

export type CountFilter = {search?: string; status?: CustomerStatus | 'deleted'};

/** How many; `more` when counting stopped at the cap (a common search term at a million customers). */
export type Count = {count: number; more: boolean};

/**
 * A count done in slices of a few milliseconds each: the generator yields between slices,
 * so the desk can handle a key in between (a count over a million rows takes tens of
 * milliseconds, long enough to be felt when it runs all at once).
 */
export type CountInSteps = Generator<void, Count>;

/** Rank ranges per plain count: each a fortieth of the names, a millisecond or two at a million. */
const rankSlices = 40;
/** Search matches read per step. */
const searchSlice = 20;

function rankCondition(filter: CountFilter): {where: string; parameters: unknown[]; index: string} {
	if (filter.status === 'deleted') return {where: 'deleted_at IS NOT NULL', parameters: [], index: 'customers_deleted_by_rank'};
	const parameters: unknown[] = [];
	let where = 'deleted_at IS NULL';
	if (filter.status) {
		where += ' AND status = ?';
		parameters.push(filter.status);
	}
	return {where, parameters, index: 'customers_live_by_rank'};
}

/** Counts the rows of the rank index with name_rank in [from, to), a slice at a time. */
function* countRanks(db: Database, filter: CountFilter, below?: number): CountInSteps {
	const {where, parameters, index} = rankCondition(filter);
	// Two queries, not min() and max() in one: each alone is a single index lookup.
	const edge = (order: 'ASC' | 'DESC') => preparedFor<unknown[], number>(db, `SELECT name_rank FROM customers INDEXED BY ${index} WHERE ${where} ORDER BY name_rank ${order} LIMIT 1`).pluck().get(...parameters);
	const low = edge('ASC');
	if (low === undefined) return {count: 0, more: false};
	const end = below ?? edge('DESC')! + 1;
	const step = Math.max(1, Math.ceil((end - low) / rankSlices));
	const slice = preparedFor<unknown[], number>(db, `SELECT count(*) FROM customers INDEXED BY ${index} WHERE ${where} AND name_rank >= ? AND name_rank < ?`).pluck();
	let count = 0;
	for (let from = low; from < end; from += step) {
		count += slice.get(...parameters, from, Math.min(end, from + step)) ?? 0;
		if (from + step < end) yield;
	}
	return {count, more: false};
}

/** Counts search matches in pages, forward from the start or backward from a customer, up to `cap`. */
function* countMatches(db: Database, filter: CountFilter, cap: number, from?: Customer): CountInSteps {
	let cursor: ListCursor | undefined = from ? cursorOf(from) : undefined;
	let count = 0;
	for (;;) {
		const page = listCustomers(db, {search: filter.search, status: filter.status, cursor, direction: from ? 'backward' : 'forward', limit: Math.min(searchSlice, cap - count + 1)});
		count += page.customers.length;
		if (count > cap) return {count: cap, more: true};
		if (!page.hasMore || page.customers.length === 0) return {count, more: false};
		cursor = cursorOf(from ? page.customers[0]! : page.customers.at(-1)!);
		yield;
	}
}

/**
 * The customers a list shows (its header's "of 1,003,442", "matches 37"). Without a search
 * it is exact, from the rank index alone; a search is counted up to `cap` matches.
 */
export function countCustomersInSteps(db: Database, filter: CountFilter, cap = 1000): CountInSteps {
	return filter.search?.trim() ? countMatches(db, filter, cap) : countRanks(db, filter);
}

/** How many customers of the list come before this one (its position less one), up to `cap` for a search. */
export function* customersBeforeInSteps(db: Database, filter: CountFilter, customer: Customer, cap = 1000): CountInSteps {
	if (filter.search?.trim()) return yield* countMatches(db, filter, cap, customer);
	const rank = preparedFor<[number], number>(db, 'SELECT name_rank FROM customers WHERE id = ?').pluck().get(customer.id);
	if (rank === undefined) return {count: 0, more: false};
	return yield* countRanks(db, filter, rank);
}

/** Runs a count to its end at once (the CLI, tests). */
export function countAll(steps: CountInSteps): Count {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

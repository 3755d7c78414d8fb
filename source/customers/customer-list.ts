import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {Customer, CustomerStatus} from './customer-fields.js';
import {customerColumns, customerFromRow, type CustomerRow} from './customer-rows.js';
import {isBlankSearch, nameKeyOf, parseSearch, type SearchTerm} from './search-text.js';
import {sqliteCustomerRanks} from './customer-list-sqlite.js';
import {postgresCustomerRanks} from './customer-list-postgres.js';

/** Where a page starts or ends in name order: keyset pagination, never OFFSET. */
export type ListCursor = {nameKey: string; id: number};

export type CustomerListQuery = {
	search?: string;
	/** A status, or `deleted` for the soft-deleted; all live customers when absent. */
	status?: CustomerStatus | 'deleted';
	/** Rows strictly after this one (forward) or before it (backward). */
	cursor?: ListCursor;
	direction?: 'forward' | 'backward';
	limit?: number;
};

export type CustomerPage = {customers: Customer[]; hasMore: boolean};

/** One page to find, as each engine's search file takes it (customer-list-sqlite.ts, customer-list-postgres.ts). */
export type PageQuery = {
	terms: SearchTerm[];
	/** The stored text each term must hold, in order (see search-text.ts): a substring, or " " + a word start. */
	patterns: string[];
	/** A live status to keep, or none. */
	status?: CustomerStatus;
	deleted: boolean;
	/** Ranks strictly after (forward) or before (backward) this one. */
	bound?: number;
	backward: boolean;
	/** One more than a page: the extra row says there are more. */
	take: number;
};

export function cursorOf(customer: Customer): ListCursor {
	return {nameKey: nameKeyOf(customer.name), id: customer.id};
}

/**
 * Customers in name order, optionally filtered by a search as typed and by status. A blank
 * search is none; a search with no terms (search-text.ts: only symbols or emoji) finds no one.
 * Every path reads rows in name-rank order and stops after one page (see schema.ts): plain
 * lists walk the rank index; searches use each engine's index of search keys, re-checking
 * each hit against the stored search text.
 */
export async function listCustomers(db: Db, query: CustomerListQuery = {}): Promise<CustomerPage> {
	const limit = Math.max(1, Math.min(query.limit ?? 50, 10_000));
	const backward = query.direction === 'backward';
	const terms = parseSearch(query.search ?? '');
	// A search with nothing to search for ("🏢", "!!!") matches no one; only a blank one is the whole list.
	if (terms.length === 0 && !isBlankSearch(query.search)) return {customers: [], hasMore: false};
	const page: PageQuery = {
		terms,
		// Substring terms match anywhere; short terms match a word start (" " + word), see search-text.ts.
		patterns: terms.map(term => (term.kind === 'substring' ? term.text : ` ${term.words.join(' ')}`)),
		status: query.status === 'deleted' ? undefined : query.status,
		deleted: query.status === 'deleted',
		bound: query.cursor ? await rankBound(db, query.cursor, backward) : undefined,
		backward,
		take: limit + 1,
	};
	const ids = db.engine === 'sqlite' ? await sqliteCustomerRanks(db, page) : await postgresCustomerRanks(db, page);
	const customers = (await byIds(db, ids.slice(0, limit), backward)).map(customerFromRow);
	if (backward) customers.reverse();
	return {customers, hasMore: ids.length > limit};
}

/**
 * The rank a page starts after (forward) or ends before (backward). The cursor is a name
 * and id rather than a rank, so it still means "after this name" if ranks were spread
 * out or the customer renamed since the previous page was read.
 */
async function rankBound(db: Db, cursor: ListCursor, backward: boolean): Promise<number | undefined> {
	const found = backward
		? await sql<{name_rank: number}>`SELECT name_rank FROM customers WHERE (name_key, id) >= (${cursor.nameKey}, ${cursor.id}) ORDER BY name_key, id LIMIT 1`.execute(db.db)
		: await sql<{name_rank: number}>`SELECT name_rank FROM customers WHERE (name_key, id) <= (${cursor.nameKey}, ${cursor.id}) ORDER BY name_key DESC, id DESC LIMIT 1`.execute(db.db);
	const rank = found.rows[0]?.name_rank;
	// No row before a forward cursor (or after a backward one): the page starts at the very end.
	return rank === undefined ? undefined : Number(rank);
}

async function byIds(db: Db, ids: number[], backward: boolean): Promise<CustomerRow[]> {
	if (ids.length === 0) return [];
	const found = await sql<CustomerRow>`SELECT ${sql.raw(customerColumns)} FROM customers WHERE id IN (${sql.join(ids)})
		ORDER BY name_rank ${sql.raw(backward ? 'DESC' : 'ASC')}`.execute(db.db);
	return found.rows;
}

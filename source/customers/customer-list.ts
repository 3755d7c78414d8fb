import type {Database} from 'better-sqlite3';
import {preparedFor} from '../store/statements.js';
import type {Customer, CustomerStatus} from './customer-fields.js';
import {customerColumns, customerFromRow, type CustomerRow} from './customer-rows.js';
import {nameKeyOf, parseSearch, wordStartMark, type SearchTerm} from './search-text.js';
import {searchIndexTable} from './customer-search-index.js';

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

export function cursorOf(customer: Customer): ListCursor {
	return {nameKey: nameKeyOf(customer.name), id: customer.id};
}

/**
 * Customers in name order, optionally filtered by a search as typed and by status.
 * Every path reads rows in name-rank order and stops after one page (see schema.ts):
 * plain lists walk the rank index, searches walk a full-text index whose rowids are
 * ranks, re-checking each hit against the stored search text.
 */
export function listCustomers(db: Database, query: CustomerListQuery = {}): CustomerPage {
	const limit = Math.max(1, Math.min(query.limit ?? 50, 10_000));
	const backward = query.direction === 'backward';
	const terms = parseSearch(query.search ?? '');
	const page = pageShape(db, query, backward, terms);
	const ids = terms.length === 0 || query.status === 'deleted'
		? walkRanks(db, page, query.status === 'deleted', limit)
		: searchRanks(db, page, terms, limit);
	const customers = byIds(db, ids.slice(0, limit), page.order).map(customerFromRow);
	if (backward) customers.reverse();
	return {customers, hasMore: ids.length > limit};
}

type PageShape = {
	/** Conditions on the customers row `c` other than deleted/live. */
	conditions: string[];
	parameters: unknown[];
	order: 'ASC' | 'DESC';
	/** One `instr(c.search_text, ?) > 0` per term, and its pattern. */
	patterns: string[];
};

function pageShape(db: Database, query: CustomerListQuery, backward: boolean, terms: SearchTerm[]): PageShape {
	const conditions: string[] = [];
	const parameters: unknown[] = [];
	if (query.status && query.status !== 'deleted') {
		conditions.push('c.status = ?');
		parameters.push(query.status);
	}
	const bound = query.cursor ? rankBound(db, query.cursor, backward) : undefined;
	if (bound !== undefined) {
		conditions.push(backward ? 'c.name_rank < ?' : 'c.name_rank > ?');
		parameters.push(bound);
	}
	// Substring terms match anywhere; short terms match a word start (" " + word), see search-text.ts.
	const patterns = terms.map(term => (term.kind === 'substring' ? term.text : ` ${term.words.join(' ')}`));
	return {conditions, parameters, order: backward ? 'DESC' : 'ASC', patterns};
}

/**
 * The rank a page starts after (forward) or ends before (backward). The cursor is a name
 * and id rather than a rank, so it still means "after this name" if ranks were spread
 * out or the customer renamed since the previous page was read.
 */
function rankBound(db: Database, cursor: ListCursor, backward: boolean): number | undefined {
	const sql = backward
		? 'SELECT name_rank FROM customers WHERE (name_key, id) >= (?, ?) ORDER BY name_key, id LIMIT 1'
		: 'SELECT name_rank FROM customers WHERE (name_key, id) <= (?, ?) ORDER BY name_key DESC, id DESC LIMIT 1';
	const rank = preparedFor<[string, number], number>(db, sql).pluck().get(cursor.nameKey, cursor.id);
	return rank ?? undefined;
}

const recheck = (page: PageShape) => page.patterns.map(() => 'instr(c.search_text, ?) > 0');

/** Lists without a search, and the (small) deleted list with one: the rank index in order. */
function walkRanks(db: Database, page: PageShape, deleted: boolean, limit: number): number[] {
	const index = deleted ? 'customers_deleted_by_rank' : 'customers_live_by_rank';
	const where = [deleted ? 'c.deleted_at IS NOT NULL' : 'c.deleted_at IS NULL', ...page.conditions, ...recheck(page)];
	return preparedFor<unknown[], number>(db,
		`SELECT c.id FROM customers AS c INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY c.name_rank ${page.order} LIMIT ?`,
	).pluck().all(...page.parameters, ...page.patterns, limit + 1);
}

/** FTS5 yields hits in rowid (= rank) order, so this stops as soon as a page is re-checked. */
function searchRanks(db: Database, page: PageShape, terms: SearchTerm[], limit: number): number[] {
	const where = ['hit.customers_search MATCH ?', 'c.deleted_at IS NULL', ...page.conditions, ...recheck(page)];
	return preparedFor<unknown[], number>(db,
		`SELECT c.id FROM ${searchIndexTable} AS hit CROSS JOIN customers AS c INDEXED BY customers_live_by_rank ON c.name_rank = hit.rowid
		 WHERE ${where.join(' AND ')} ORDER BY hit.rowid ${page.order} LIMIT ?`,
	).pluck().all(fullTextQuery(terms), ...page.parameters, ...page.patterns, limit + 1);
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * Every term becomes trigrams that must all be present (customer-search-index.ts): a long
 * term its own trigrams (the index is detail=none, so it cannot match phrases; the re-check
 * drops rows that hold them apart), a short term the word starts of its words. FTS5
 * intersects them itself, in rank order, however the terms mix.
 */
function fullTextQuery(terms: SearchTerm[]): string {
	const trigrams = new Set<string>();
	for (const term of terms) {
		if (term.kind === 'substring') {
			const characters = [...term.text];
			for (let index = 0; index + 3 <= characters.length; index++) trigrams.add(characters.slice(index, index + 3).join(''));
			continue;
		}
		for (const word of term.words) {
			const [first, second] = [...word];
			trigrams.add(second === undefined ? `${wordStartMark}${wordStartMark}${first}` : `${wordStartMark}${first}${second}`);
		}
	}
	return [...trigrams].map(quote).join(' AND ');
}

function byIds(db: Database, ids: number[], order: 'ASC' | 'DESC'): CustomerRow[] {
	if (ids.length === 0) return [];
	return preparedFor<unknown[], CustomerRow>(db,
		`SELECT ${customerColumns} FROM customers WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name_rank ${order}`,
	).all(JSON.stringify(ids));
}

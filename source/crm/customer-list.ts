import type {Database} from 'better-sqlite3';
import {preparedFor} from '../store/statements.js';
import type {Customer, CustomerStatus} from './customer-fields.js';
import {customerColumns, customerFromRow, type CustomerRow} from './customer-rows.js';
import {nameKeyOf, parseSearch, type SearchTerm} from './search-text.js';

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

/**
 * A search first walks the name index, re-checking each row's search text. A first short
 * walk estimates how common the term is: common terms fill a page by walking further;
 * rare ones (under `rareMatches` hits in `firstWalk` rows) are found through FTS5, which
 * returns few candidates for them. `longestWalk` bounds the cost of a term in between.
 */
const firstWalk = 2000;
const rareMatches = 3;
const longestWalk = 60_000;

export function cursorOf(customer: Customer): ListCursor {
	return {nameKey: nameKeyOf(customer.name), id: customer.id};
}

/** Customers in name order, optionally filtered by a search as typed and by status. */
export function listCustomers(db: Database, query: CustomerListQuery = {}): CustomerPage {
	const limit = Math.max(1, Math.min(query.limit ?? 50, 10_000));
	const backward = query.direction === 'backward';
	const terms = parseSearch(query.search ?? '');
	const shape = pageShape(query, backward, terms);
	let rows: CustomerRow[];
	if (terms.length === 0) {
		rows = preparedFor<unknown[], CustomerRow>(db, 
			`SELECT ${customerColumns} FROM customers WHERE ${shape.where} ORDER BY ${shape.order} LIMIT ?`,
		).all(...shape.parameters, limit + 1);
	} else {
		rows = walk(db, shape, limit) ?? fullText(db, shape, terms, limit);
	}
	const hasMore = rows.length > limit;
	const page = rows.slice(0, limit).map(customerFromRow);
	if (backward) page.reverse();
	return {customers: page, hasMore};
}

type PageShape = {where: string; order: string; parameters: unknown[]; filter: string; patterns: string[]};

function pageShape(query: CustomerListQuery, backward: boolean, terms: SearchTerm[]): PageShape {
	const conditions = [query.status === 'deleted' ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
	const parameters: unknown[] = [];
	if (query.status && query.status !== 'deleted') {
		conditions.push('status = ?');
		parameters.push(query.status);
	}
	if (query.cursor) {
		conditions.push(backward ? '(name_key, id) < (?, ?)' : '(name_key, id) > (?, ?)');
		parameters.push(query.cursor.nameKey, query.cursor.id);
	}
	// Substring terms match anywhere; short terms match a word start (" " + word), see search-text.ts.
	const patterns = terms.map(term => (term.kind === 'substring' ? term.text : ` ${term.words.join(' ')}`));
	return {
		where: conditions.join(' AND '),
		order: backward ? 'name_key DESC, id DESC' : 'name_key, id',
		parameters,
		filter: patterns.map(() => 'instr(search_text, ?) > 0').join(' AND '),
		patterns,
	};
}

function walk(db: Database, shape: PageShape, limit: number): CustomerRow[] | undefined {
	const first = walkIds(db, shape, limit, firstWalk);
	if (first.complete) return byIds(db, first.ids, shape.order);
	if (first.ids.length < rareMatches) return undefined;
	const further = walkIds(db, shape, limit, longestWalk);
	return further.complete ? byIds(db, further.ids, shape.order) : undefined;
}

/** Up to `limit + 1` matching ids within the next `budget` rows; complete when that settles the page. */
function walkIds(db: Database, shape: PageShape, limit: number, budget: number): {ids: number[]; complete: boolean} {
	const index = shape.where.startsWith('deleted_at IS NULL') ? 'customers_live_by_name' : 'customers_deleted_by_name';
	// Where the window ends: an index-only skip, far cheaper than re-checking those rows.
	const end = preparedFor<unknown[], {name_key: string; id: number}>(db,
		`SELECT name_key, id FROM customers INDEXED BY ${index} WHERE ${shape.where} ORDER BY ${shape.order} LIMIT 1 OFFSET ${budget - 1}`,
	).get(...shape.parameters);
	const bound = shape.order.endsWith('DESC') ? '(name_key, id) >= (?, ?)' : '(name_key, id) <= (?, ?)';
	const ids = preparedFor<unknown[], number>(db,
		`SELECT id FROM customers INDEXED BY ${index} WHERE ${shape.where}${end ? ` AND ${bound}` : ''} AND ${shape.filter} ORDER BY ${shape.order} LIMIT ?`,
	).pluck().all(...shape.parameters, ...(end ? [end.name_key, end.id] : []), ...shape.patterns, limit + 1);
	// Fewer than a page is the whole answer only when the window reached the end of the list.
	return {ids, complete: ids.length > limit || !end};
}

/**
 * Rare terms: candidates from the most selective full-text index, re-checked against the
 * search text and sorted by name key alone before whole rows are read for one page.
 */
function fullText(db: Database, shape: PageShape, terms: SearchTerm[], limit: number): CustomerRow[] {
	const [table, match] = fullTextQuery(terms);
	const ids = preparedFor<unknown[], number>(db, `SELECT c.id
		 FROM (SELECT rowid AS hit_id FROM ${table} WHERE ${table} MATCH ?) AS hit
		 CROSS JOIN customers AS c ON c.id = hit.hit_id
		 WHERE ${shape.where} AND ${shape.filter} ORDER BY ${shape.order} LIMIT ?`,
	).pluck().all(match, ...shape.parameters, ...shape.patterns, limit + 1);
	return byIds(db, ids, shape.order);
}

function fullTextQuery(terms: SearchTerm[]): [table: string, match: string] {
	const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
	const substrings = terms.filter(term => term.kind === 'substring').map(term => [...term.text]);
	if (substrings.length > 0) {
		// The trigram index is detail=none (a third of the size), which cannot match phrases:
		// ask for rows holding every trigram of the term; the re-check drops false hits.
		const longest = substrings.reduce((a, b) => (b.length > a.length ? b : a));
		const trigrams = new Set(longest.slice(2).map((_, index) => longest.slice(index, index + 3).join('')));
		return ['customers_trigram', [...trigrams].map(quote).join(' AND ')];
	}
	const prefixes = terms.flatMap(term => (term.kind === 'word-prefix' ? [term.words] : []));
	const longest = prefixes.reduce((a, b) => (b.join('').length > a.join('').length ? b : a));
	return ['customers_words', `${quote(longest.join(' '))} *`];
}

function byIds(db: Database, ids: number[], order: string): CustomerRow[] {
	if (ids.length === 0) return [];
	return preparedFor<unknown[], CustomerRow>(db, 
		`SELECT ${customerColumns} FROM customers WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY ${order}`,
	).all(...ids);
}

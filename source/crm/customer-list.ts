import type {Database} from 'better-sqlite3';
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
 * Rows an index walk looks at before it gives up and asks the full-text index. A common
 * term fills a page well within it; a rare one is cheaper to find through FTS5.
 */
const walkBudget = 3000;

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
		rows = db.prepare<unknown[], CustomerRow>(
			`SELECT ${customerColumns} FROM customers WHERE ${shape.where} ORDER BY ${shape.order} LIMIT ?`,
		).all(...shape.parameters, limit + 1);
	} else {
		rows = walk(db, shape, terms, limit) ?? fullText(db, shape, terms, limit);
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

/**
 * Walks the name index from the cursor, re-checking each row's search text, for at most
 * `walkBudget` rows. Returns undefined when the budget ran out before a page filled.
 */
function walk(db: Database, shape: PageShape, terms: SearchTerm[], limit: number): CustomerRow[] | undefined {
	const index = shape.where.startsWith('deleted_at IS NULL') ? 'customers_live_by_name' : 'customers_deleted_by_name';
	const window = db.prepare<unknown[], {id: number; matched: number}>(
		`SELECT id, (${shape.filter}) AS matched FROM customers INDEXED BY ${index}
		 WHERE ${shape.where} ORDER BY ${shape.order} LIMIT ?`,
	).all(...shape.patterns, ...shape.parameters, walkBudget);
	const matchedIds = window.filter(row => row.matched).map(row => row.id);
	if (matchedIds.length <= limit && window.length === walkBudget) return undefined;
	return byIds(db, matchedIds.slice(0, limit + 1), shape.order);
}

/** Rare terms: candidates from the most selective full-text index, re-checked and sorted. */
function fullText(db: Database, shape: PageShape, terms: SearchTerm[], limit: number): CustomerRow[] {
	const [table, match] = fullTextQuery(terms);
	return db.prepare<unknown[], CustomerRow>(
		`SELECT ${customerColumns.split(', ').map(column => `c.${column}`).join(', ')}
		 FROM (SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?) AS hit
		 CROSS JOIN customers AS c ON c.id = hit.id
		 WHERE ${shape.where} AND ${shape.filter} ORDER BY ${shape.order} LIMIT ?`,
	).all(match, ...shape.parameters, ...shape.patterns, limit + 1);
}

function fullTextQuery(terms: SearchTerm[]): [table: string, match: string] {
	const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
	const substrings = terms.filter(term => term.kind === 'substring').map(term => term.text);
	if (substrings.length > 0) {
		const longest = substrings.reduce((a, b) => ([...b].length > [...a].length ? b : a));
		return ['customers_trigram', quote(longest)];
	}
	const prefixes = terms.flatMap(term => (term.kind === 'word-prefix' ? [term.words] : []));
	const longest = prefixes.reduce((a, b) => (b.join('').length > a.join('').length ? b : a));
	return ['customers_words', `${quote(longest.join(' '))} *`];
}

function byIds(db: Database, ids: number[], order: string): CustomerRow[] {
	if (ids.length === 0) return [];
	return db.prepare<unknown[], CustomerRow>(
		`SELECT ${customerColumns} FROM customers WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY ${order}`,
	).all(...ids);
}

import {sql, type RawBuilder} from 'kysely';
import type {Customer} from '../customers/customer-fields.js';
import {cursorOf, type ListCursor} from '../customers/customer-list.js';
import {customerColumns, customerFromRow, type CustomerRow} from '../customers/customer-rows.js';
import {foldText, hasNothingToSearch, parseSearch, searchTextOf} from '../customers/search-text.js';
import type {Db} from '../store/store.js';
import {resolveSince} from './relative-date.js';
import type {SegmentDefinition} from './segment-definition.js';

export type SegmentPage = {customers: Customer[]; hasMore: boolean};

/** Rows read per query while a page is filled: a few milliseconds each, on either engine. */
const scanChunk = 1000;

/** The stored text each search term must hold (search-text.ts): a substring, or " " + a word start. */
function searchPatterns(search: string | undefined): string[] {
	return parseSearch(search ?? '').map(term => (term.kind === 'substring' ? term.text : ` ${term.words.join(' ')}`));
}

/** `LIKE` with the pattern's own wildcards escaped: the same test on both engines (the text and patterns are folded to lower case). */
function contains(column: string, pattern: string): RawBuilder<unknown> {
	const escaped = pattern.replace(/[\\%_]/g, character => `\\${character}`);
	return sql`${sql.ref(column)} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}

function sinceDate(since: string, now: Date): string {
	return resolveSince(since, now).slice(0, 10);
}

/**
 * What the database can decide: live, status, created since, no orders since, the search
 * (every term, by the rules of customers list). Country, city and tags are compared in any
 * case and with or without accents, which SQL's lower() cannot do for every script: `matchesFields`.
 */
function conditions(definition: SegmentDefinition, now: Date): RawBuilder<unknown>[] {
	const where: RawBuilder<unknown>[] = [sql.raw('deleted_at IS NULL')];
	if (definition.status) where.push(sql`status = ${definition.status}`);
	if (definition.created_since) where.push(sql`created_at >= ${resolveSince(definition.created_since, now)}`);
	if (definition.no_orders_since) {
		where.push(sql`NOT EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id AND orders.placed_at >= ${sinceDate(definition.no_orders_since, now)})`);
	}
	for (const pattern of searchPatterns(definition.search)) where.push(contains('search_text', pattern));
	return where;
}

const same = (a: string, b: string) => foldText(a) === foldText(b);

/** Country, city and every tag, in any case, with or without accents. */
function matchesFields(definition: SegmentDefinition, customer: Customer): boolean {
	if (definition.country && !same(customer.country, definition.country)) return false;
	if (definition.city && !same(customer.city, definition.city)) return false;
	return (definition.tags ?? []).every(tag => customer.tags.some(held => same(held, tag)));
}

/**
 * One page of a segment's customers in name order (as `customers list` shows them), after
 * `cursor` (or, `backward`, the page just before it, still in name order): keyset pages over
 * the name index, never OFFSET, so any page costs the same. The desk's customers list pages
 * through a picked segment with it.
 */
export async function segmentPage(db: Db, definition: SegmentDefinition, options: {cursor?: ListCursor; limit?: number; now?: Date; direction?: 'forward' | 'backward'} = {}): Promise<SegmentPage> {
	const limit = Math.max(1, options.limit ?? 50);
	const now = options.now ?? new Date();
	const backward = options.direction === 'backward';
	// A search with nothing to search for (saved before checkDefinition refused it) holds no one, as the list shows no one for it.
	if (hasNothingToSearch(definition.search)) return {customers: [], hasMore: false};
	const where = conditions(definition, now);
	const found: Customer[] = [];
	const done = (customers: Customer[], hasMore: boolean): SegmentPage => ({customers: backward ? customers.reverse() : customers, hasMore});
	let after = options.cursor;
	for (;;) {
		const bounded = !after ? where : [...where, backward ? sql`(name_key, id) < (${after.nameKey}, ${after.id})` : sql`(name_key, id) > (${after.nameKey}, ${after.id})`];
		const order = backward ? sql.raw('name_key DESC, id DESC') : sql.raw('name_key, id');
		const {rows} = await sql<CustomerRow & {name_key: string}>`SELECT ${sql.raw(customerColumns)}, name_key FROM customers
			WHERE ${sql.join(bounded, sql` AND `)} ORDER BY ${order} LIMIT ${scanChunk}`.execute(db.db);
		for (const row of rows) {
			const customer = customerFromRow(row);
			if (matchesFields(definition, customer)) found.push(customer);
			if (found.length > limit) return done(found.slice(0, limit), true);
		}
		const last = rows.at(-1);
		if (!last || rows.length < scanChunk) return done(found, false);
		after = {nameKey: last.name_key, id: last.id};
	}
}

/** How many of the segment's customers come before this one in name order (its place in the list, less one). */
export async function countSegmentBefore(db: Db, definition: SegmentDefinition, customer: Customer, options: {signal?: AbortSignal} = {}): Promise<number> {
	let cursor: ListCursor | undefined = cursorOf(customer);
	let count = 0;
	for (;;) {
		const page = await segmentPage(db, definition, {cursor, limit: 5000, direction: 'backward'});
		count += page.customers.length;
		const first = page.customers[0];
		if (!page.hasMore || !first || options.signal?.aborted) return count;
		cursor = cursorOf(first);
	}
}

/** Every customer of the segment now, in name order, a page at a time. */
export async function* segmentCustomers(db: Db, definition: SegmentDefinition, now = new Date()): AsyncGenerator<Customer> {
	let cursor: ListCursor | undefined;
	for (;;) {
		const page = await segmentPage(db, definition, {cursor, limit: 5000, now});
		yield* page.customers;
		const last = page.customers.at(-1);
		if (!page.hasMore || !last) return;
		cursor = cursorOf(last);
	}
}

export async function countSegment(db: Db, definition: SegmentDefinition, now = new Date(), signal?: AbortSignal): Promise<number> {
	let count = 0;
	// A count nobody waits for any more (the desk moved on) stops at the next page.
	for await (const _customer of segmentCustomers(db, definition, now)) if (++count % 5000 === 0 && signal?.aborted) break;
	return count;
}

/**
 * Whether one customer (as it is now, in the caller's transaction) is in the segment: a record
 * trigger's `--segment` asks this for the customer that changed.
 */
export async function customerInSegment(db: Db, definition: SegmentDefinition, customer: Customer, now = new Date()): Promise<boolean> {
	if (customer.deleted_at || hasNothingToSearch(definition.search)) return false;
	if (definition.status && customer.status !== definition.status) return false;
	if (definition.created_since && customer.created_at < resolveSince(definition.created_since, now)) return false;
	if (!matchesFields(definition, customer)) return false;
	const {searchText} = searchTextOf(customer);
	if (!searchPatterns(definition.search).every(pattern => searchText.includes(pattern))) return false;
	if (definition.no_orders_since) {
		const order = await db.db.selectFrom('orders').select('id').where('customer_id', '=', customer.id)
			.where('placed_at', '>=', sinceDate(definition.no_orders_since, now)).limit(1).executeTakeFirst();
		if (order) return false;
	}
	return true;
}

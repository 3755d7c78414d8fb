import {sql, type RawBuilder} from 'kysely';
import type {Db} from '../store/store.js';
import {searchIndexTable} from './customer-search-index.js';
import {queryTrigrams} from './search-keys.js';
import type {PageQuery} from './customer-list.js';

/**
 * A page of customer ids on SQLite (see customer-list.ts). Plain lists walk a partial rank
 * index; searches walk the FTS5 trigram index, whose rowids are name ranks, so FTS5 yields
 * hits in name order and the query stops as soon as a page of hits is re-checked, however
 * common the term (customer-search-index.ts).
 */
export async function sqliteCustomerRanks(db: Db, page: PageQuery): Promise<number[]> {
	const found = page.terms.length === 0 || page.deleted ? await walkRanks(db, page) : await searchRanks(db, page);
	return found.rows.map(row => row.id);
}

function conditions(page: PageQuery): RawBuilder<unknown>[] {
	const where: RawBuilder<unknown>[] = [];
	if (page.status) where.push(sql`c.status = ${page.status}`);
	if (page.bound !== undefined) where.push(page.backward ? sql`c.name_rank < ${page.bound}` : sql`c.name_rank > ${page.bound}`);
	for (const pattern of page.patterns) where.push(sql`instr(c.search_text, ${pattern}) > 0`);
	return where;
}

const order = (page: PageQuery) => sql.raw(page.backward ? 'DESC' : 'ASC');

/** Lists without a search, and the (small) deleted list with one: the rank index in order. */
function walkRanks(db: Db, page: PageQuery) {
	const index = sql.raw(page.deleted ? 'customers_deleted_by_rank' : 'customers_live_by_rank');
	const where = [sql.raw(page.deleted ? 'c.deleted_at IS NOT NULL' : 'c.deleted_at IS NULL'), ...conditions(page)];
	return sql<{id: number}>`SELECT c.id FROM customers AS c INDEXED BY ${index} WHERE ${sql.join(where, sql` AND `)}
		ORDER BY c.name_rank ${order(page)} LIMIT ${page.take}`.execute(db.db);
}

/** FTS5 yields hits in rowid (= rank) order, so this stops as soon as a page is re-checked. */
function searchRanks(db: Db, page: PageQuery) {
	const where = [sql`hit.customers_search MATCH ${fullTextQuery(page)}`, sql.raw('c.deleted_at IS NULL'), ...conditions(page)];
	return sql<{id: number}>`SELECT c.id FROM ${sql.table(searchIndexTable)} AS hit CROSS JOIN customers AS c INDEXED BY customers_live_by_rank ON c.name_rank = hit.rowid
		WHERE ${sql.join(where, sql` AND `)} ORDER BY hit.rowid ${order(page)} LIMIT ${page.take}`.execute(db.db);
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * Every term becomes trigrams that must all be present (search-keys.ts): the index is
 * detail=none, so it cannot match phrases; the re-check drops rows that hold them apart.
 * FTS5 intersects them itself, in rank order, however the terms mix.
 */
function fullTextQuery(page: PageQuery): string {
	return queryTrigrams(page.terms).map(quote).join(' AND ');
}

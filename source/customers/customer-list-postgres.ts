import {sql, type RawBuilder} from 'kysely';
import type {Db} from '../store/store.js';
import {queryTrigrams, trigramKey} from './search-keys.js';
import type {PageQuery} from './customer-list.js';

/**
 * A page of customer ids on PostgreSQL (see customer-list.ts). A GIN index cannot return
 * hits in name order the way SQLite's FTS5 does (rowids are ranks there), so a search picks
 * its path by how common the terms turn out to be:
 *
 * 1. Walk the first rows in rank order, re-checking each: a common term ("m", "anna") fills
 *    a page within a few hundred rows.
 * 2. Otherwise ask the GIN index of search keys for the candidates, at most `candidateCap`:
 *    a rare term ("xyzzy", a full email) has few, which are re-checked and sorted by rank.
 * 3. More candidates than that, yet too few in the first rows: matches bunched late in name
 *    order (a word starting with z is in 2 % of rows, nearly all of them last). Walking the
 *    rank index would pass a million rows (3 s); the index's candidates, re-checked and
 *    sorted by rank, cost one bitmap scan and a top-N sort (tens of ms for 20,000).
 *
 * Every path re-checks against `search_text` (search-text.ts), so the matching rules are
 * SQLite's exactly.
 */
export const searchPaths = {firstWalk: 1000, candidateCap: 4000} as const;

export async function postgresCustomerRanks(db: Db, page: PageQuery): Promise<number[]> {
	if (page.terms.length === 0 || page.deleted) return walk(db, page);
	const early = await walk(db, page, searchPaths.firstWalk);
	if (early.length === page.take) return early;
	const candidates = await fromKeys(db, page);
	if (candidates !== undefined) return candidates;
	if (queryTrigrams(page.terms).length === 0) return walk(db, page);
	return sortedFromKeys(db, page);
}

function conditions(page: PageQuery): RawBuilder<unknown>[] {
	const where: RawBuilder<unknown>[] = [sql.raw(page.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL')];
	if (page.status) where.push(sql`status = ${page.status}`);
	if (page.bound !== undefined) where.push(page.backward ? sql`name_rank < ${page.bound}` : sql`name_rank > ${page.bound}`);
	return where;
}

function rechecks(page: PageQuery): RawBuilder<unknown>[] {
	return page.patterns.map(pattern => sql`strpos(search_text, ${pattern}) > 0`);
}

const order = (page: PageQuery) => sql.raw(page.backward ? 'DESC' : 'ASC');
const all = (where: RawBuilder<unknown>[]) => sql.join(where, sql` AND `);

/**
 * Rows in rank order from the page's start, re-checked, until a page is found; with `budget`,
 * only that many rows are looked at, and fewer ids than `take` prove nothing (the caller goes on).
 */
async function walk(db: Db, page: PageQuery, budget?: number): Promise<number[]> {
	const matching = rechecks(page);
	const walked = budget === undefined
		? sql`SELECT id, name_rank, search_text FROM customers WHERE ${all([...conditions(page), ...matching])} ORDER BY name_rank ${order(page)} LIMIT ${page.take}`
		: sql`SELECT id, name_rank FROM (
				SELECT id, name_rank, search_text FROM customers WHERE ${all(conditions(page))} ORDER BY name_rank ${order(page)} LIMIT ${budget}
			) AS walked ${matching.length > 0 ? sql`WHERE ${all(matching)}` : sql``} ORDER BY name_rank ${order(page)} LIMIT ${page.take}`;
	const found = await sql<{id: number}>`${walked}`.execute(db.db);
	return found.rows.map(row => Number(row.id));
}

/** The page from the GIN index's candidates, or undefined when there are more than `candidateCap`. */
async function fromKeys(db: Db, page: PageQuery): Promise<number[] | undefined> {
	const keys = queryTrigrams(page.terms).map(trigramKey);
	const found = await sql<{id: number; name_rank: number; matches: boolean}>`
		SELECT id, name_rank, (${all([...conditions(page), ...rechecks(page)])}) AS matches
		FROM customers WHERE search_keys @> ${sql.val(keys)}::integer[] LIMIT ${searchPaths.candidateCap + 1}`.execute(db.db);
	if (found.rows.length > searchPaths.candidateCap) return undefined;
	const sign = page.backward ? -1 : 1;
	return found.rows.filter(row => row.matches).sort((a, b) => sign * (Number(a.name_rank) - Number(b.name_rank)))
		.slice(0, page.take).map(row => Number(row.id));
}

/** Every candidate of the GIN index, re-checked, the page's first in rank order (path 3). */
async function sortedFromKeys(db: Db, page: PageQuery): Promise<number[]> {
	const keys = queryTrigrams(page.terms).map(trigramKey);
	// MATERIALIZED: else the planner, trusting the re-check to pass a third of the rows, walks the rank index instead.
	const found = await sql<{id: number}>`
		WITH candidates AS MATERIALIZED (
			SELECT id, name_rank, search_text FROM customers WHERE search_keys @> ${sql.val(keys)}::integer[] AND ${all(conditions(page))}
		)
		SELECT id FROM candidates ${page.patterns.length > 0 ? sql`WHERE ${all(rechecks(page))}` : sql``}
		ORDER BY name_rank ${order(page)} LIMIT ${page.take}`.execute(db.db);
	return found.rows.map(row => Number(row.id));
}

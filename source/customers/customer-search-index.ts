import type {Database} from 'better-sqlite3';
import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {statementCache} from '../store/statements.js';
import {searchTextOf, wordStartsOf} from './search-text.js';

/**
 * The customer search index: one FTS5 trigram table keyed by a customer's name rank (see
 * name-rank.ts), so matches come back in name order. Its first column holds the fields a
 * substring term matches (the first line of `customers.search_text`), its second the word
 * starts a one- or two-character term matches (wordStartsOf, from the second line). It is
 * contentless, `detail=none` and `columnsize=0`: every hit is re-checked against
 * `search_text`, so it stores neither positions nor sizes, and an entry is removed by
 * giving FTS5 the text it was made from, which `search_text` still holds. SQLite only: PostgreSQL's search keys are a column of the row. Replaces the trigram and word indexes of migration 1: answering
 * "anna m" from two indexes meant re-checking every Anna, up to ~90 ms at a million.
 */
export const searchIndexTable = 'customers_search';

export function createCustomerSearchIndex(db: Database): void {
	db.exec(`CREATE VIRTUAL TABLE ${searchIndexTable} USING fts5 (
		search_text, word_starts, content='', columnsize=0, detail='none', tokenize='trigram case_sensitive 1'
	)`);
}

/** SQL for the parts of `customers.search_text` (search-text.ts): the first line, and the third. */
const substringLine = 'substr(search_text, 1, instr(search_text, char(10)) - 1)';
const afterFirst = 'substr(search_text, instr(search_text, char(10)) + 1)';
const wordStartsLine = `substr(${afterFirst}, instr(${afterFirst}, char(10)) + 1)`;

/** Fills the index from a table of ranks and `search_text`s, in rank order (see rebuildCustomerSearch). */
export function searchIndexFillSql(table: string, rank: string): string {
	return `INSERT INTO ${searchIndexTable} (rowid, search_text, word_starts) SELECT ${rank}, ${substringLine}, ${wordStartsLine} FROM ${table} ORDER BY ${rank}`;
}

const statements = statementCache(db => ({
	fromAll: db.prepare(searchIndexFillSql('customers', 'name_rank')),
	clear: db.prepare(`INSERT INTO ${searchIndexTable} (${searchIndexTable}) VALUES ('delete-all')`),
}));

const index = sql.table(searchIndexTable);

/** Adds a customer's entry under its rank (SQLite; PostgreSQL keeps `search_keys` on the row). */
export async function indexCustomerText(db: Db, rank: number, text: {substringText: string; searchWords: string}): Promise<void> {
	await sql`INSERT INTO ${index} (rowid, search_text, word_starts) VALUES (${rank}, ${text.substringText}, ${wordStartsOf(text.searchWords)})`.execute(db.db);
}

/** Removes the entry of the customer now at `rank`; call before its rank or searchable fields change. */
export async function unindexCustomerText(db: Db, rank: number): Promise<void> {
	// Each partial rank index answers its half; a bare `name_rank = ?` would read the whole table.
	const live = await sql<{search_text: string}>`SELECT search_text FROM customers INDEXED BY customers_live_by_rank WHERE name_rank = ${rank} AND deleted_at IS NULL`.execute(db.db);
	const text = live.rows[0]?.search_text ?? (await sql<{search_text: string}>`SELECT search_text FROM customers INDEXED BY customers_deleted_by_rank
		WHERE name_rank = ${rank} AND deleted_at IS NOT NULL`.execute(db.db)).rows[0]?.search_text;
	if (text === undefined) return;
	const first = text.indexOf('\n');
	const second = text.indexOf('\n', first + 1);
	await sql`INSERT INTO ${index} (${index}, rowid, search_text, word_starts) VALUES ('delete', ${rank}, ${text.slice(0, first)}, ${second === -1 ? '' : text.slice(second + 1)})`.execute(db.db);
}

/** Re-adds the given customers under their current ranks (after their ranks moved). */
export async function indexCustomerRows(db: Db, ids: readonly number[]): Promise<void> {
	await sql`INSERT INTO ${index} (rowid, search_text, word_starts)
		SELECT name_rank, ${sql.raw(substringLine)}, ${sql.raw(wordStartsLine)} FROM customers WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db.db);
}

/** FTS5's default: flush pending entries to a new segment every megabyte. */
const defaultPending = 1024 * 1024;

/**
 * Empties and refills the index from the table in one pass, for bulk loads. Rows go in rank
 * order (FTS5 flushes its pending entries whenever a rowid arrives out of order, which made
 * the same fill six times slower), with a larger pending buffer meanwhile: fewer, larger
 * segments to write and merge.
 */
export function rebuildCustomerSearch(db: Database): void {
	const s = statements(db);
	s.clear.run();
	withLargePendingBuffer(db, () => s.fromAll.run());
}

/** Runs a bulk fill of the index with a 256 MB pending buffer, then puts FTS5's default back. */
export function withLargePendingBuffer(db: Database, fill: () => void): void {
	// FTS5 takes configuration values only as literals.
	const pendingLimit = (bytes: number) => db.exec(`INSERT INTO ${searchIndexTable} (${searchIndexTable}, rank) VALUES ('hashsize', ${bytes})`);
	pendingLimit(256 * defaultPending);
	try {
		fill();
	} finally {
		pendingLimit(defaultPending);
	}
}

/**
 * Migration 4: the one search index above, in place of migration 1's two. Every customer's
 * search text gains its third line (read in id order, a batch at a time), then the index is
 * filled from it.
 */
export function migrateToOneSearchIndex(db: Database): void {
	db.exec('DROP TABLE IF EXISTS customers_trigram; DROP TABLE IF EXISTS customers_words;');
	createCustomerSearchIndex(db);
	const batch = db.prepare<[number], {id: number; name: string; company: string; email: string; phone: string}>(
		'SELECT id, name, company, email, phone FROM customers WHERE id > ? ORDER BY id LIMIT 5000');
	const update = db.prepare<[string, number]>('UPDATE customers SET search_text = ? WHERE id = ?');
	for (let after = 0; ;) {
		const rows = batch.all(after);
		if (rows.length === 0) break;
		for (const row of rows) update.run(searchTextOf(row).searchText, row.id);
		after = rows.at(-1)!.id;
	}
	rebuildCustomerSearch(db);
}

/** The SQLite side of search-upkeep.ts: FTS5 entries move with ranks and searchable fields. */
export const sqliteSearchUpkeep = {
	async lockRanks(): Promise<void> {
		// The write transaction holds the file's write lock already.
	},
	add: indexCustomerText,
	remove: unindexCustomerText,
	addRows: indexCustomerRows,
};

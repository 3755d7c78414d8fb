import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';

/**
 * The two FTS5 search indexes, keyed by a customer's name rank (see name-rank.ts). They
 * are contentless: what goes in is read back from `customers.search_text`, whose first
 * line feeds the trigram index and whose second line the word index (search-text.ts).
 */
const statements = statementCache(db => ({
	trigramInsert: db.prepare('INSERT INTO customers_trigram (rowid, search_text) VALUES (?, ?)'),
	wordsInsert: db.prepare('INSERT INTO customers_words (rowid, search_words) VALUES (?, ?)'),
	trigramDelete: db.prepare('DELETE FROM customers_trigram WHERE rowid = ?'),
	wordsDelete: db.prepare('DELETE FROM customers_words WHERE rowid = ?'),
	trigramFromRows: db.prepare(`INSERT INTO customers_trigram (rowid, search_text)
		SELECT name_rank, substr(search_text, 1, instr(search_text, char(10)) - 1) FROM customers WHERE id IN (SELECT value FROM json_each(?))`),
	wordsFromRows: db.prepare(`INSERT INTO customers_words (rowid, search_words)
		SELECT name_rank, substr(search_text, instr(search_text, char(10)) + 2) FROM customers WHERE id IN (SELECT value FROM json_each(?))`),
	trigramFromAll: db.prepare(`INSERT INTO customers_trigram (rowid, search_text)
		SELECT name_rank, substr(search_text, 1, instr(search_text, char(10)) - 1) FROM customers ORDER BY name_rank`),
	wordsFromAll: db.prepare(`INSERT INTO customers_words (rowid, search_words)
		SELECT name_rank, substr(search_text, instr(search_text, char(10)) + 2) FROM customers ORDER BY name_rank`),
	trigramClear: db.prepare("INSERT INTO customers_trigram (customers_trigram) VALUES ('delete-all')"),
	wordsClear: db.prepare("INSERT INTO customers_words (customers_words) VALUES ('delete-all')"),
}));

export function indexCustomerText(db: Database, rank: number, text: {substringText: string; searchWords: string}): void {
	const s = statements(db);
	s.trigramInsert.run(rank, text.substringText);
	s.wordsInsert.run(rank, text.searchWords);
}

export function unindexCustomerText(db: Database, rank: number): void {
	const s = statements(db);
	s.trigramDelete.run(rank);
	s.wordsDelete.run(rank);
}

/** Re-adds the given customers under their current ranks (after their ranks moved). */
export function indexCustomerRows(db: Database, ids: readonly number[]): void {
	const s = statements(db);
	const list = JSON.stringify(ids);
	s.trigramFromRows.run(list);
	s.wordsFromRows.run(list);
}

/**
 * Empties and refills both indexes from the table: one pass each, for bulk loads. Rows go
 * in rank order: FTS5 flushes its pending data whenever a rowid arrives out of order, which
 * made the same fill six times slower.
 */
export function rebuildCustomerSearch(db: Database): void {
	const s = statements(db);
	s.trigramClear.run();
	s.wordsClear.run();
	s.trigramFromAll.run();
	s.wordsFromAll.run();
}

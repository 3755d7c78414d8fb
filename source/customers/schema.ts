import type {Database} from 'better-sqlite3';

/**
 * The customers table's secondary indexes. Bulk inserts drop and rebuild them (a sort is
 * several times cheaper than a million B-tree inserts in random name order), so their
 * definition lives here once.
 */
export const customerIndexes = [
	// Unique among live customers only: a deleted customer's address may be reused.
	"CREATE UNIQUE INDEX customers_live_email ON customers (lower(email)) WHERE deleted_at IS NULL AND email <> ''",
	// Finds a name's neighbours when it gets its rank, and turns a list cursor into a rank.
	'CREATE INDEX customers_by_name ON customers (name_key, id, name_rank)',
	// Pages of the list in name order (keyset on the rank), with the status filter inside.
	'CREATE INDEX customers_live_by_rank ON customers (name_rank, status) WHERE deleted_at IS NULL',
	'CREATE INDEX customers_deleted_by_rank ON customers (name_rank) WHERE deleted_at IS NOT NULL',
] as const;

export const customerIndexNames = ['customers_live_email', 'customers_by_name', 'customers_live_by_rank', 'customers_deleted_by_rank'] as const;

/**
 * Migration 1: customers, their change history and interactions.
 *
 * Name order is kept as `name_rank`, an integer that grows with (name_key, id) and leaves
 * gaps for new names (name-rank.ts). The two FTS5 search indexes use that rank as their
 * rowid, so FTS5, which returns rows in rowid order, returns matches in name order: the
 * first page of any search stops after one page of hits, however common the term. A
 * trigram index answers substrings of three or more characters, a word index (with one-
 * and two-character prefix indexes) shorter terms. Both are contentless; every hit is
 * re-checked against the row's `search_text` (see search-text.ts), so the trigram index
 * can be `detail=none`, a third of the size.
 *
 * Migration 4 replaced both indexes with one that answers long and short terms alike; see
 * customer-search-index.ts. They are created here still, as this migration always made them.
 */
export function createCrmSchema(db: Database): void {
	db.exec(`
		CREATE TABLE customers (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL CHECK (length(trim(name)) > 0),
			company TEXT NOT NULL DEFAULT '',
			email TEXT NOT NULL DEFAULT '',
			phone TEXT NOT NULL DEFAULT '',
			address TEXT NOT NULL DEFAULT '',
			city TEXT NOT NULL DEFAULT '',
			country TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL DEFAULT 'lead' CHECK (status IN ('lead', 'active', 'inactive')),
			tags TEXT NOT NULL DEFAULT '[]',
			notes TEXT NOT NULL DEFAULT '',
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL,
			deleted_at TEXT,
			version INTEGER NOT NULL DEFAULT 1,
			name_key TEXT NOT NULL,
			name_rank INTEGER NOT NULL,
			search_text TEXT NOT NULL
		);

		${customerIndexes.join(';\n\t\t')};

		CREATE VIRTUAL TABLE customers_trigram USING fts5 (
			search_text, content='', contentless_delete=1, detail='none', tokenize='trigram case_sensitive 1'
		);
		CREATE VIRTUAL TABLE customers_words USING fts5 (
			search_words, content='', contentless_delete=1, prefix='1 2', tokenize='unicode61 remove_diacritics 0'
		);

		CREATE TABLE customer_history (
			id INTEGER PRIMARY KEY,
			customer_id INTEGER NOT NULL REFERENCES customers (id),
			at TEXT NOT NULL,
			field TEXT NOT NULL,
			old_value TEXT,
			new_value TEXT,
			actor TEXT NOT NULL
		);
		CREATE INDEX customer_history_by_customer ON customer_history (customer_id, id);

		CREATE TABLE interactions (
			id INTEGER PRIMARY KEY,
			customer_id INTEGER NOT NULL REFERENCES customers (id),
			kind TEXT NOT NULL CHECK (kind IN ('email', 'sms', 'call', 'note', 'ticket', 'robot')),
			direction TEXT NOT NULL DEFAULT 'out' CHECK (direction IN ('in', 'out')),
			subject TEXT NOT NULL,
			body TEXT NOT NULL DEFAULT '',
			at TEXT NOT NULL,
			actor TEXT NOT NULL DEFAULT 'operator',
			job_id INTEGER
		);
		CREATE INDEX interactions_by_customer ON interactions (customer_id, at DESC, id DESC);
		CREATE INDEX interactions_by_time ON interactions (at);
	`);
}

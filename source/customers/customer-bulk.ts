import type {Db} from '../store/store.js';
import {emitRecordEvent, recordEventsWanted, type ChangeOrigin} from '../events/record-events.js';
import type {CustomerFields} from './customer-fields.js';
import type {MatchColumns} from '../duplicates/match-columns.js';
import {customerColumns, customerFromRow, type CustomerRow} from './customer-rows.js';
import {startSqliteBulkInsert} from './customer-bulk-sqlite.js';
import {startPostgresBulkInsert} from './customer-bulk-postgres.js';
import {sql} from 'kysely';

/**
 * Inserts many validated customers inside the caller's write transaction: imports and seeds.
 * Small batches go in row by row, as single edits do; a large one (as large as the table was,
 * and past a few thousand rows) goes in bare and everything derived is built once at the
 * end. How, is each engine's own (customer-bulk-sqlite.ts, customer-bulk-postgres.ts).
 * Email uniqueness is the caller's check; the unique index still refuses a duplicate, and
 * the transaction rolls back.
 *
 * A caller that numbered the names of the whole batch beforehand (an import of a file into
 * an empty table, a seed: see name-order.ts) passes `ranked` and each row's rank: rows then
 * go in bare from the first with their final rank, and no renumbering pass is needed.
 */
export type BulkInsert = {
	/** Takes one customer; written at once or by the next `flush`. */
	add: (fields: CustomerFields, extra?: BulkExtras) => void;
	/** Rows taken but not written yet: flush when it grows past a batch. */
	readonly pending: number;
	/** Writes what `add` took. Call between batches (the importer and the seed do, every couple of thousand rows). */
	flush: () => Promise<void>;
	/** Builds what was deferred and tells record listeners. Must run before the transaction commits. */
	finish: () => Promise<void>;
	/** The same in two steps, so the search index can be built elsewhere meanwhile: first the table's own indexes... */
	finishTables: () => Promise<void>;
	/** ...then the search index (SQLite: refilled from the rows, or taken over from a scratch index, search-index-file.ts), and the events. */
	finishSearch: (scratchIndex?: string) => Promise<void>;
};

/** What an import or a seed may know about a row beyond its fields. */
export type BulkExtras = {
	/** Keep this id (an export's, into an empty table); must be above every id so far. */
	id?: number;
	createdAt?: string;
	updatedAt?: string;
	version?: number;
	/** Derived beforehand (in the parse worker) from the fields, as search-text.ts does. */
	nameKey?: string;
	searchText?: string;
	/** PostgreSQL: the search keys as an array literal (search-keys.ts), derived beforehand too. */
	searchKeys?: string;
	/** The final name rank, in `ranked` mode. */
	rank?: number;
	/** Duplicate blocking keys (source/duplicates/match-columns.ts), derived beforehand too. */
	match?: MatchColumns;
};

export type BulkRow = BulkExtras & {fields: CustomerFields};

export type BulkOptions = {now: string; ranked?: boolean; origin?: ChangeOrigin};

/** The engine's own part of a bulk insert: ids of the rows it wrote, for the events. */
export type EngineBulkInsert = Omit<BulkInsert, 'finish' | 'finishSearch'> & {
	finishSearch: (scratchIndex?: string) => Promise<void>;
	/** Ids written so far, when asked to keep them (someone listens for record events). */
	readonly created: number[];
};

/**
 * Batches this small stay row by row (SQLite: customer-bulk-sqlite.ts): rebuilding the indexes
 * and the search index has a cost of its own. Past it, a batch larger than the table is
 * cheaper to write bare and rebuild after (1,000 generated customers: 1.3 s row by row).
 */
export const onePassThreshold = 500;

/** Rows a bulk insert takes before the caller should flush. */
export const bulkBatch = 2_000;

export async function startBulkInsert(db: Db, options: BulkOptions): Promise<BulkInsert> {
	if (!db.inTransaction) throw new Error('startBulkInsert must run inside a write transaction');
	const keepIds = await recordEventsWanted(db);
	const engine = db.engine === 'sqlite' ? await startSqliteBulkInsert(db, options, keepIds) : await startPostgresBulkInsert(db, options, keepIds);
	const tellListeners = async () => {
		// One event per created customer, after the indexes exist (listeners may query); nothing
		// is built when nobody listens, so a million-row import pays nothing for them.
		if (!keepIds) return;
		const origin = options.origin ?? {actor: 'operator'};
		for (let start = 0; start < engine.created.length; start += 1000) {
			const ids = engine.created.slice(start, start + 1000);
			const rows = await sql<CustomerRow>`SELECT ${sql.raw(customerColumns)} FROM customers WHERE id IN (${sql.join(ids)}) ORDER BY id`.execute(db.db);
			for (const row of rows.rows) await emitRecordEvent(db, {type: 'customer.created', customer: customerFromRow(row)}, origin);
		}
	};
	return {
		add: (fields, extra) => engine.add(fields, extra),
		get pending() {
			return engine.pending;
		},
		flush: () => engine.flush(),
		finishTables: () => engine.finishTables(),
		async finishSearch(scratchIndex) {
			await engine.finishSearch(scratchIndex);
			await tellListeners();
		},
		async finish() {
			await engine.finishTables();
			await engine.finishSearch();
			await tellListeners();
		},
	};
}

import type {CustomerFields, CustomerStatus} from './customer-fields.js';
import type {CheckedCustomerRow} from './customer-import-rows.js';
import type {ColumnPlan, MappingOptions} from '../moving-in/column-plan.js';
import type {MatchColumns} from '../duplicates/match-columns.js';
import type {MessagePort} from 'node:worker_threads';

/** What the import gives its parse worker (customer-parse-worker.ts). */
export type ParseWorkerInput = ProducerInput & {
	file: string;
	label: string;
	raw: boolean;
	/** How another system's columns become fields (`--map`, `--status-map`, `--extra`). */
	mapping?: MappingOptions;
	/** Emails of live customers, as `[email, id]`, read inside the import's transaction. */
	liveEmails: Array<[string, number]>;
	/** Number the names of the whole file first (a regular file into an empty table). */
	rank: boolean;
};

/** What every row producer (the import's parse worker, the seed's generator) is given by row-pipeline.ts. */
export type ProducerInput = {
	/** Flow control: [batches sent, batches taken]; the producer waits while too far ahead. */
	flow: SharedArrayBuffer;
	/** Where batches of rows go to be derived, in turn. */
	derivers: MessagePort[];
};

/**
 * An accepted row, flat for a cheap structured clone: line, the ten fields (tags as the
 * stored JSON), the stamp (or null), then what the bulk insert derives (name key, search
 * text, rank). The producer sends it with the name key and search text empty; a derive
 * worker fills them in, and appends the search keys and blocking keys when asked.
 */
export type AcceptedTuple = [
	line: number, name: string, company: string, email: string, phone: string, address: string, city: string, country: string,
	status: CustomerStatus, tags: string[], notes: string,
	id: number | null, createdAt: string | null, updatedAt: string | null, version: number | null,
	nameKey: string, searchText: string, rank: number,
	searchKeys?: string | null,
	match?: MatchColumns,
];

export type RejectedTuple = [line: number, reason: string, record: string[]];

/**
 * What the row threads tell the inserting thread (row-pipeline.ts). `seq` orders the stream:
 * the header and `done` come from the producer, each batch of rows from the derive worker
 * that finished it, and the inserting thread takes them in `seq` order whichever arrives first.
 */
export type ParseWorkerMessage =
	| {kind: 'header'; seq: number; names: string[]; plan?: ColumnPlan}
	/** `bytesPerRow`: of the file so far (0 until known), for the progress line's estimate. */
	/** `entriesLost`: the derive worker could not write the search entries (search-index-file.ts). */
	| {kind: 'rows'; seq: number; accepted: AcceptedTuple[]; rejected: RejectedTuple[]; bytesPerRow: number; entriesLost?: boolean}
	/** `skipped`: rows the seed left out (an email already in use). */
	| {kind: 'done'; seq: number; skipped?: number}
	/** Answers `build-search-index`: the scratch search index is built, or could not be (`built: false`: the import builds it itself). */
	| {kind: 'search-index'; built: boolean}
	| {kind: 'failed'; message: string; exitCode: number};

/** What a derive worker computes besides the name key and search text (derive-rows.ts). */
export type DeriveOptions = {
	/** PostgreSQL: the search keys (search-keys.ts). */
	searchKeys: boolean;
	/** The duplicate blocking keys (not for a dry run). */
	matchColumns: boolean;
};

/** The inserting thread asks a derive worker, once the rows are in, to build the scratch search index from the entries the derive workers wrote (search-index-file.ts). */
export type DeriveWorkerRequest = {kind: 'build-search-index'; file: string; entryFiles: string[]};

export function fieldsOf(tuple: AcceptedTuple): CustomerFields {
	return {
		name: tuple[1], company: tuple[2], email: tuple[3], phone: tuple[4], address: tuple[5], city: tuple[6], country: tuple[7],
		status: tuple[8], tags: tuple[9], notes: tuple[10],
	};
}

/** A checked row as its producer sends it, with its name rank (0 when not numbered) and nothing derived yet. */
export function tupleOf(row: Extract<CheckedCustomerRow, {ok: true}>, rank: number): AcceptedTuple {
	const {fields, stamp} = row;
	return [
		row.line, fields.name, fields.company, fields.email, fields.phone, fields.address, fields.city, fields.country, fields.status, fields.tags, fields.notes,
		stamp?.id ?? null, stamp?.created_at ?? null, stamp?.updated_at ?? null, stamp?.version ?? null,
		'', '', rank,
	];
}

/** Index in the flow buffer: batches the worker sent, batches the import took. */
export const flowSent = 0;
export const flowTaken = 1;
/** Batches the worker may run ahead of the inserts: bounds memory for a file of any size. */
export const flowWindow = 8;

import type {CustomerFields, CustomerStatus} from './customer-fields.js';
import type {CheckedCustomerRow} from './customer-import-rows.js';
import type {ColumnPlan, MappingOptions} from '../moving-in/column-plan.js';
import type {MatchColumns} from '../duplicates/match-columns.js';

/** What the import gives its parse worker (customer-parse-worker.ts). */
export type ParseWorkerInput = {
	file: string;
	label: string;
	raw: boolean;
	/** How another system's columns become fields (`--map`, `--status-map`, `--extra`). */
	mapping?: MappingOptions;
	/** Emails of live customers, as `[email, id]`, read inside the import's transaction. */
	liveEmails: Array<[string, number]>;
	/** Number the names of the whole file first (a regular file into an empty table). */
	rank: boolean;
	/** With `rank`: build the search index into this scratch file after the rows (search-index-file.ts). */
	scratchIndex?: string;
	/** PostgreSQL: compute each row's search keys here too (search-keys.ts). */
	searchKeys?: boolean;
	/** Derive each row's duplicate blocking keys here (not for a dry run). */
	matchColumns?: boolean;
	/** Flow control: [batches sent, batches taken]; the worker waits while too far ahead. */
	flow: SharedArrayBuffer;
};

/**
 * An accepted row, flat for a cheap structured clone: line, the ten fields (tags as the
 * stored JSON), the stamp (or null), then what the bulk insert derives (name key, search
 * text, rank).
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

export type ParseWorkerMessage =
	| {kind: 'header'; names: string[]; plan?: ColumnPlan}
	/** `bytesPerRow`: of the file so far (0 until known), for the progress line's estimate. */
	| {kind: 'rows'; accepted: AcceptedTuple[]; rejected: RejectedTuple[]; bytesPerRow: number}
	/** `skipped`: rows the seed left out (an email already in use). */
	| {kind: 'done'; skipped?: number}
	/** After `done`: the scratch search index is built, or could not be (`built: false`: the import builds it itself). */
	| {kind: 'search-index'; built: boolean}
	| {kind: 'failed'; message: string; exitCode: number};

export function fieldsOf(tuple: AcceptedTuple): CustomerFields {
	return {
		name: tuple[1], company: tuple[2], email: tuple[3], phone: tuple[4], address: tuple[5], city: tuple[6], country: tuple[7],
		status: tuple[8], tags: tuple[9], notes: tuple[10],
	};
}

export function tupleOf(row: Extract<CheckedCustomerRow, {ok: true}>, derived: {nameKey: string; searchText: string; rank: number; searchKeys?: string; match?: MatchColumns}): AcceptedTuple {
	const {fields, stamp} = row;
	const tuple: AcceptedTuple = [
		row.line, fields.name, fields.company, fields.email, fields.phone, fields.address, fields.city, fields.country, fields.status, fields.tags, fields.notes,
		stamp?.id ?? null, stamp?.created_at ?? null, stamp?.updated_at ?? null, stamp?.version ?? null,
		derived.nameKey, derived.searchText, derived.rank,
	];
	if (derived.searchKeys !== undefined || derived.match !== undefined) tuple.push(derived.searchKeys ?? null);
	if (derived.match !== undefined) tuple.push(derived.match);
	return tuple;
}

/** Index in the flow buffer: batches the worker sent, batches the import took. */
export const flowSent = 0;
export const flowTaken = 1;
/** Batches the worker may run ahead of the inserts: bounds memory for a file of any size. */
export const flowWindow = 8;

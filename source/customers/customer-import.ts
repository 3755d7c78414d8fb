import type {Database} from 'better-sqlite3';
import {UserError, exitCodes} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {statementCache} from '../store/statements.js';
import {startBulkInsert} from './customer-bulk.js';
import {readHeader, type CsvHeader} from './customer-csv-header.js';
import {readCsvRecords, isBlankRecord} from '../csv/csv-records.js';
import {customerFromRecord, type CsvStamp} from './customer-csv-row.js';

/** A row that was not imported: where it is, why, and the fields as they were in the file. */
export type RejectedRow = {line: number; reason: string; record: string[]};

export type ImportOptions = {
	/** Check everything, write nothing. */
	dryRun?: boolean;
	/** Called for each bad row as it is found, so a report can stream. */
	onReject?: (row: RejectedRow) => void;
	/** How the file is named in messages (the path as the user typed it). */
	label?: string;
	clock?: Clock;
};

export type ImportResult = {
	imported: number;
	rejected: number;
	/** The header as written in the file (for a rejects file with the same columns). */
	header: string[];
};

const statements = statementCache(db => ({
	liveEmails: db.prepare<[], {id: number; email: string}>("SELECT id, email FROM customers WHERE deleted_at IS NULL AND email <> ''"),
	stamp: db.prepare<[number, string | null, string | null, number | null, number]>(
		'UPDATE customers SET id = ?, created_at = coalesce(?, created_at), updated_at = coalesce(?, updated_at), version = coalesce(?, version) WHERE id = ?'),
	anyCustomer: db.prepare('SELECT 1 FROM customers LIMIT 1'),
}));

/**
 * Imports customers from a CSV file: every valid row in one transaction, each bad row
 * reported with its line. A header problem or malformed quoting throws before anything
 * is committed. Emails are compared case-insensitively against live customers (one query)
 * and against earlier rows of the same file (a map), not with a query per row.
 */
export function importCustomersCsv(db: Database, file: string, options: ImportOptions = {}): ImportResult {
	const label = options.label ?? file;
	const now = (options.clock ?? systemClock)();
	const run = (): ImportResult => {
		// Who holds each email, folded to lower case: a customer id (negative) or a line of this file.
		const emailOwners = new Map<string, number>();
		for (const row of statements(db).liveEmails.iterate()) emailOwners.set(row.email.toLowerCase(), -row.id);
		const write = !options.dryRun;
		const bulk = write ? startBulkInsert(db, {now}) : undefined;
		const stamp = new StampWriter(db);
		let header: CsvHeader | undefined;
		let imported = 0;
		let rejected = 0;
		const reject = (line: number, reason: string, record: string[]) => {
			rejected++;
			options.onReject?.({line, reason, record});
		};
		readCsvRecords(file, label, (record, line) => {
			if (isBlankRecord(record)) return;
			if (!header) {
				header = readHeader(record, label, line);
				return;
			}
			const result = customerFromRecord(record, header);
			if (!result.ok) return reject(line, result.reason, record);
			const {email} = result.fields;
			if (email) {
				const key = email.toLowerCase();
				const owner = emailOwners.get(key);
				if (owner !== undefined) {
					return reject(line, `duplicate email "${email}" (already used by ${owner < 0 ? `customer #${-owner}` : `line ${owner}`})`, record);
				}
				emailOwners.set(key, line);
			}
			imported++;
			if (!bulk) return;
			const id = bulk.add(result.fields);
			if (result.stamp) stamp.apply(id, result.stamp);
		});
		if (!header) throw new UserError(`${label}: the file is empty (no header row). Nothing was imported`, exitCodes.rejected);
		bulk?.finish();
		return {imported, rejected, header: header.names};
	};
	// Dry runs still read inside a transaction: one consistent view of the emails in use.
	return options.dryRun ? db.transaction(run).deferred() : db.transaction(run).immediate();
}

/**
 * Keeps an exported customer's id, times and version, so export then import into an empty
 * database gives the same customers. Ids are kept only there, and only while they rise:
 * new rows then still get ids in insertion order, which name order relies on to break
 * ties between namesakes. Elsewhere an id from another database means nothing here.
 */
class StampWriter {
	private readonly statement;
	private keepIds: boolean;
	private lastId = 0;

	constructor(db: Database) {
		this.statement = statements(db).stamp;
		this.keepIds = statements(db).anyCustomer.get() === undefined;
	}

	apply(id: number, stamp: CsvStamp): void {
		let wanted = id;
		if (this.keepIds && stamp.id !== undefined && stamp.id > this.lastId && stamp.id >= id) wanted = stamp.id;
		else this.keepIds = false;
		this.lastId = wanted;
		if (wanted === id && stamp.created_at === undefined && stamp.updated_at === undefined && stamp.version === undefined) return;
		this.statement.run(wanted, stamp.created_at ?? null, stamp.updated_at ?? stamp.created_at ?? null, stamp.version ?? null, id);
	}
}

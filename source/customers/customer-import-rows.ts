import {isBlankRecord} from '../csv/csv-records.js';
import {unguardCell} from '../csv/formula-cells.js';
import type {CustomerFields} from './customer-fields.js';
import {exportColumns, readHeader, type CsvHeader} from './customer-csv-header.js';
import {customerFromRecord, type CsvStamp} from './customer-csv-row.js';
import {planColumns, type ColumnPlan, type MappingOptions} from '../moving-in/column-plan.js';
import {mapRecord} from '../moving-in/mapped-record.js';

/** A data row of an import file, decided: a customer to insert, or a row to report. */
export type CheckedCustomerRow =
	| {ok: true; line: number; fields: CustomerFields; stamp: CsvStamp | undefined}
	| {ok: false; line: number; reason: string; record: string[]};

/**
 * Everything an import decides about a row without writing: the header, field validation,
 * and emails already used by a live customer (given once at the start) or by an earlier row
 * of the file, compared case-insensitively. Free of the database, so it runs in the parse
 * worker as well as inline.
 */
export class CustomerRowChecker {
	header: CsvHeader | undefined;
	/** How another system's columns become fields (moving-in/column-plan.ts); undefined for an opsdesk file. */
	plan: ColumnPlan | undefined;
	/** Who holds each email, folded to lower case: a customer id (negative) or a line of this file. */
	private readonly emailOwners = new Map<string, number>();

	constructor(private readonly label: string, private readonly options: {raw?: boolean; mapping?: MappingOptions} = {}) {}

	/** Emails of live customers, as `[email, id]`. */
	addLiveEmails(emails: Iterable<readonly [string, number]>): void {
		for (const [email, id] of emails) this.emailOwners.set(email.toLowerCase(), -id);
	}

	/** The row's outcome; undefined for the header and blank lines. Throws for a bad header. */
	check(record: string[], line: number): CheckedCustomerRow | undefined {
		if (isBlankRecord(record)) return undefined;
		if (!this.header) {
			this.readHeader(record, line);
			return undefined;
		}
		let fields = record;
		if (this.plan) {
			const mapped = mapRecord(this.plan, record, this.options);
			if (!mapped.ok) return {ok: false, line, reason: mapped.reason, record};
			fields = mapped.record;
		}
		// A mapped record's cells were unguarded one by one already.
		const result = customerFromRecord(fields, this.header, this.plan ? {raw: true} : this.options);
		if (!result.ok) return {ok: false, line, reason: result.reason, record};
		const {email} = result.fields;
		if (email) {
			const key = email.toLowerCase();
			const owner = this.emailOwners.get(key);
			if (owner !== undefined) {
				return {ok: false, line, reason: `duplicate email "${email}" (already used by ${owner < 0 ? `customer #${-owner}` : `line ${owner}`})`, record};
			}
			this.emailOwners.set(key, line);
		}
		return {ok: true, line, fields: result.fields, stamp: result.stamp};
	}

	/** Another system's header is read through its column plan: rows are checked as opsdesk rows, rejects keep the file's columns. */
	private readHeader(record: string[], line: number): void {
		this.plan = planColumns(record, this.label, line, this.options.mapping);
		if (!this.plan) {
			this.header = readHeader(record, this.label, line);
			return;
		}
		this.header = {...readHeader([...exportColumns], this.label, line), names: this.plan.header};
	}

	/** The name a data row gives (for numbering names before the rows go in); call after the header. */
	nameOf(record: string[]): string {
		if (!this.plan) {
			const cell = record[this.header!.at.name] ?? '';
			return this.options.raw ? cell : unguardCell(cell);
		}
		const mapped = mapRecord(this.plan, record, this.options);
		return mapped.ok ? mapped.record[this.header!.at.name]! : '';
	}
}

import {isBlankRecord} from '../csv/csv-records.js';
import type {CustomerFields} from './customer-fields.js';
import {readHeader, type CsvHeader} from './customer-csv-header.js';
import {customerFromRecord, type CsvStamp} from './customer-csv-row.js';

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
	/** Who holds each email, folded to lower case: a customer id (negative) or a line of this file. */
	private readonly emailOwners = new Map<string, number>();

	constructor(private readonly label: string, private readonly options: {raw?: boolean} = {}) {}

	/** Emails of live customers, as `[email, id]`. */
	addLiveEmails(emails: Iterable<readonly [string, number]>): void {
		for (const [email, id] of emails) this.emailOwners.set(email.toLowerCase(), -id);
	}

	/** The row's outcome; undefined for the header and blank lines. Throws for a bad header. */
	check(record: string[], line: number): CheckedCustomerRow | undefined {
		if (isBlankRecord(record)) return undefined;
		if (!this.header) {
			this.header = readHeader(record, this.label, line);
			return undefined;
		}
		const result = customerFromRecord(record, this.header, this.options);
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
}

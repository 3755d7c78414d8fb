import {customerStatuses, parseTags, type CustomerFields, type CustomerStatus} from './customer-fields.js';
import {validateCustomerFieldsAll} from './customer-validation.js';
import type {CsvHeader} from './customer-csv-header.js';
import {unguardCell} from '../csv/formula-cells.js';

/** What an exported file carries beyond the fields; absent values are left to the database. */
export type CsvStamp = {id?: number; created_at?: string; updated_at?: string; version?: number};

export type CsvRowResult =
	| {ok: true; fields: CustomerFields; stamp: CsvStamp | undefined}
	| {ok: false; reason: string};

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const wholeNumber = /^\d{1,15}$/;
const statusNames = customerStatuses.join(', ');

/**
 * Turns one CSV record into validated customer fields, or the reason it is rejected, in
 * the words a report line uses (`missing name`, `invalid email "x"`, ...). Pure: the
 * duplicate-email check needs the database and lives in customer-import.ts. Cells lose the
 * `'` an export put before formula-like values (formula-cells.ts) unless `raw`.
 */
export function customerFromRecord(record: readonly string[], header: CsvHeader, options: {raw?: boolean} = {}): CsvRowResult {
	if (record.length !== header.width) {
		return {ok: false, reason: `wrong number of fields: ${record.length}, the header has ${header.width}`};
	}
	const {at} = header;
	const cell = options.raw
		? (index: number) => (index === -1 ? '' : record[index]!)
		: (index: number) => (index === -1 ? '' : unguardCell(record[index]!));
	const status = cell(at.status).trim().toLowerCase();
	const input = {
		name: cell(at.name),
		company: cell(at.company),
		email: cell(at.email),
		phone: cell(at.phone),
		address: lineBreaks(cell(at.address)),
		city: cell(at.city),
		country: cell(at.country),
		status: (status || 'lead') as CustomerStatus,
		tags: at.tags === -1 ? [] : parseTags(cell(at.tags)),
		notes: lineBreaks(cell(at.notes)),
	};
	const check = validateCustomerFieldsAll(input);
	if (!check.ok) {
		const [field, message] = Object.entries(check.errors)[0]! as [keyof CustomerFields, string];
		return {ok: false, reason: describeRejection(field, message, input)};
	}
	if (at.id === -1 && at.created_at === -1 && at.updated_at === -1 && at.version === -1) {
		return {ok: true, fields: check.fields, stamp: undefined};
	}
	const stamp: CsvStamp = {};
	for (const column of ['id', 'version'] as const) {
		const text = cell(at[column]).trim();
		if (!text) continue;
		if (!wholeNumber.test(text) || Number(text) < 1) return {ok: false, reason: `${column} "${text}" is not a whole number above 0`};
		stamp[column] = Number(text);
	}
	for (const column of ['created_at', 'updated_at'] as const) {
		const text = cell(at[column]).trim();
		if (!text) continue;
		const time = isoUtc.test(text) ? new Date(text) : undefined;
		if (!time || Number.isNaN(time.getTime())) {
			return {ok: false, reason: `${column} "${text}" is not an ISO-8601 UTC time such as 2024-05-01T09:30:00.000Z`};
		}
		stamp[column] = time.toISOString();
	}
	return {ok: true, fields: check.fields, stamp};
}

/** Multi-line values are stored with `\n` whatever the file used, as the desk and forms write them. */
function lineBreaks(value: string): string {
	return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
}

function describeRejection(field: keyof CustomerFields, message: string, input: Record<keyof CustomerFields, unknown>): string {
	const value = String(input[field]);
	if (field === 'name' && value.trim() === '') return 'missing name';
	if (field === 'email' && message.includes('valid')) return `invalid email "${value}"`;
	if (field === 'status') return `unknown status "${value}" (use ${statusNames})`;
	// Schema messages mostly start with the field's name already ("name is longer than ...").
	return message.startsWith(field) ? message : `${field}: ${message}`;
}

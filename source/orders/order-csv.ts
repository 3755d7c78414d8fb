import fs from 'node:fs';
import {parse} from 'csv-parse/sync';
import {UserError, exitCodes} from '../store/errors.js';

/** The order CSV columns, in the order export writes them. `note` is optional on import. */
export const orderCsvColumns = ['number', 'customer_email', 'status', 'amount', 'currency', 'placed_at', 'closed_at', 'note'] as const;
export type OrderCsvColumn = (typeof orderCsvColumns)[number];
const requiredColumns: readonly OrderCsvColumn[] = ['customer_email', 'amount'];

export type OrderCsvRow = {
	/** Line in the file where the row starts (1 is the header). */
	line: number;
	/** The fields as written, for the rejects file. */
	raw: string[];
	values: Partial<Record<OrderCsvColumn, string>>;
	/** Set when the row has the wrong number of fields. */
	shapeError?: string;
};

export type OrderCsv = {header: string[]; rows: OrderCsvRow[]};

/**
 * Reads an orders CSV: UTF-8 with or without BOM, CRLF or LF, quoted fields; header names
 * in any order and case. A file that is not CSV at all, or lacks a required column, is
 * refused as a whole (exit 2) before anything is written.
 */
export function readOrderCsv(file: string): OrderCsv {
	let text: Buffer;
	try {
		text = fs.readFileSync(file);
	} catch (error) {
		throw new UserError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	let records: Array<{record: string[]; info: {lines: number; bytes: number}}>;
	try {
		records = parse(text, {bom: true, info: true, relax_column_count: true, skip_empty_lines: true}) as unknown as typeof records;
	} catch (error) {
		const line = (error as {lines?: number}).lines;
		throw new UserError(`${file}:${line ?? 1}: not valid CSV: ${(error as Error).message.split(':')[0]}`, exitCodes.rejected);
	}
	const [first, ...body] = records;
	if (!first) throw new UserError(`${file}:1: empty file; expected the header ${orderCsvColumns.slice(0, 7).join(',')}`, exitCodes.rejected);
	const header = first.record.map(name => name.trim().toLowerCase());
	const unknown = header.find(name => !(orderCsvColumns as readonly string[]).includes(name));
	if (unknown !== undefined) {
		throw new UserError(`${file}:1: unknown column "${unknown}"; expected ${orderCsvColumns.join(', ')}`, exitCodes.rejected);
	}
	const missing = requiredColumns.find(name => !header.includes(name));
	if (missing) throw new UserError(`${file}:1: missing column "${missing}"`, exitCodes.rejected);
	const lineAt = lineFinder(text);
	const rows = body.map(({record, info}): OrderCsvRow => {
		const newlines = record.reduce((count, field) => count + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
		const values: OrderCsvRow['values'] = {};
		header.forEach((name, index) => {
			values[name as OrderCsvColumn] = record[index] ?? '';
		});
		const shapeError = record.length === header.length ? undefined : `has ${record.length} fields, the header has ${header.length}`;
		return {line: lineAt(info.bytes - 1) - newlines, raw: record, values, shapeError};
	});
	return {header: first.record, rows};
}

/**
 * The line holding a byte offset. csv-parse's own line count treats the CR and LF of a
 * quoted CRLF as two lines, so lines are counted here from the bytes it reports.
 */
function lineFinder(bytes: Buffer): (offset: number) => number {
	const starts = [0];
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (byte === 0x0a || (byte === 0x0d && bytes[index + 1] !== 0x0a)) starts.push(index + 1);
	}
	return offset => {
		let low = 0;
		let high = starts.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (starts[middle]! <= offset) low = middle + 1;
			else high = middle;
		}
		return low;
	};
}

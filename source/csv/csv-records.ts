import {isUtf8} from 'node:buffer';
import fs from 'node:fs';
import {parse, CsvError} from 'csv-parse/sync';
import {UserError, exitCodes} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';

/** Called for each record with the line of the file it starts on (1-based). */
export type RecordVisitor = (record: string[], line: number) => void;

const chunkBytes = 4 * 1024 * 1024;
const newline = 0x0a;
const quote = 0x22;
const carriageReturn = 0x0d;
const byteOrderMark = Buffer.from([0xef, 0xbb, 0xbf]);

// Both endings in one file (an LF row pasted into a CRLF file) are fine; `\r\n` is tried first.
// Empty lines are kept as one-field records so every line of the file is accounted for.
const parseOptions = {relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n']};

/**
 * Reads a CSV file record by record, synchronously, so the caller can stay inside one
 * SQLite transaction. The file is cut into chunks at newlines outside quotes (an even
 * number of `"` before them); memory stays flat for a file of any size.
 *
 * A line without any `"` is split on commas directly: for such a line that is exactly
 * what RFC 4180 (and csv-parse) give, at about a tenth of csv-parse's cost, which at
 * ~4 µs a record was most of an import's time at a million rows. Every line holding a
 * quote goes to csv-parse, in runs, so quoting, escaped quotes, embedded newlines and
 * malformed quotes are all its business.
 *
 * Line numbers are counted here rather than taken from csv-parse's `info.lines`: that
 * counts the end of a record, and counts a CRLF inside a quoted field as two lines.
 */
export function readCsvRecords(file: string, label: string, visit: RecordVisitor, options: {onBytes?: (bytesRead: number) => void} = {}): void {
	for (const batch of csvRecordBatches(file, label, options)) {
		for (let index = 0; index < batch.records.length; index++) visit(batch.records[index]!, batch.lines[index]!);
	}
}

/** A chunk's records and the line each starts on. */
export type RecordBatch = {records: string[][]; lines: number[]};

/**
 * The same reading, a chunk's records at a time (a few megabytes of the file), for a caller
 * that awaits between them (an import writing to PostgreSQL) while the file is read in this thread.
 */
export function* csvRecordBatches(file: string, label: string, options: {onBytes?: (bytesRead: number) => void} = {}): Generator<RecordBatch> {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch (error) {
		throw new UserError(`${label}: cannot read: ${describeFileError(error)}`, exitCodes.usage);
	}
	try {
		if (fs.fstatSync(fd).isDirectory()) throw new UserError(`${label}: cannot read: is a folder, not a file`, exitCodes.usage);
		let pending = Buffer.alloc(0);
		let line = 1;
		let first = true;
		let bytesRead = 0;
		const chunk = Buffer.allocUnsafe(chunkBytes);
		for (;;) {
			const read = fs.readSync(fd, chunk, 0, chunkBytes, null);
			bytesRead += read;
			if (read > 0) pending = pending.length === 0 ? Buffer.from(chunk.subarray(0, read)) : Buffer.concat([pending, chunk.subarray(0, read)]);
			if (first && (pending.length >= 3 || read === 0)) {
				if (pending.subarray(0, 3).equals(byteOrderMark)) pending = pending.subarray(3);
				first = false;
			}
			const cut = read === 0 ? pending.length : lastRecordEnd(pending);
			let batch: RecordBatch | undefined;
			if (cut > 0) {
				// A cut after "\n" never splits a UTF-8 character; the chunk keeps its last newline.
				const bytes = pending.subarray(0, cut);
				if (!isUtf8(bytes)) throw notUtf8(bytes, line, label);
				const collected: RecordBatch = {records: [], lines: []};
				line = readChunk(bytes, line, label, (record, at) => {
					collected.records.push(record);
					collected.lines.push(at);
				});
				batch = collected;
				pending = pending.subarray(cut);
			}
			const consumed = bytesRead - pending.length;
			if (batch) yield batch;
			options.onBytes?.(consumed);
			if (read === 0) break;
		}
	} finally {
		fs.closeSync(fd);
	}
}

/** Another encoding (Latin-1, UTF-16) would import as garbled names: refuse it, naming the line. */
function notUtf8(bytes: Buffer, firstLine: number, label: string): UserError {
	const text = bytes.toString('utf8');
	const before = text.slice(0, text.indexOf('\uFFFD'));
	let line = firstLine;
	for (let at = before.indexOf('\n'); at !== -1; at = before.indexOf('\n', at + 1)) line++;
	return new UserError(`${label}:${line}: the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and import again. Nothing was imported`, exitCodes.rejected);
}

/** The offset just past the last newline that is outside quotes, or 0 when there is none yet. */
function lastRecordEnd(buffer: Buffer): number {
	let quotes = 0;
	let lastEven = -1;
	let nextQuote = buffer.indexOf(quote);
	for (let at = buffer.indexOf(newline); at !== -1; at = buffer.indexOf(newline, at + 1)) {
		while (nextQuote !== -1 && nextQuote < at) {
			quotes++;
			nextQuote = buffer.indexOf(quote, nextQuote + 1);
		}
		if (quotes % 2 === 0) lastEven = at;
	}
	return lastEven + 1;
}

/**
 * Visits the records of a chunk that starts at a record boundary; returns the line after
 * it. Works on bytes (`"` and newline never occur inside a UTF-8 character) and decodes
 * line by line: slicing one big decoded string instead made V8 fall, in some runs, into a
 * mode 20 times slower while the sliced fields were kept (measured at 100k rows: 1 s or 9 s).
 */
function readChunk(bytes: Buffer, firstLine: number, file: string, visit: RecordVisitor): number {
	const length = bytes.length;
	let line = firstLine;
	let position = 0;
	let nextQuote = bytes.indexOf(quote);
	while (position < length) {
		let end = bytes.indexOf(newline, position);
		if (end === -1) end = length;
		if (nextQuote === -1 || nextQuote > end) {
			const stop = end > position && bytes[end - 1] === carriageReturn ? end - 1 : end;
			visit(bytes.toString('utf8', position, stop).split(','), line);
			line++;
			position = end + 1;
			continue;
		}
		const run = quotedRunEnd(bytes, position, nextQuote);
		// The run keeps its final newline: a CRLF file's run would otherwise end in a stray \r.
		line = parseRun(bytes.subarray(position, run.end + 1), line, file, visit);
		position = run.end + 1;
		nextQuote = run.nextQuote;
	}
	return line;
}

/**
 * A run of lines for csv-parse ends at a newline outside quotes when the next quote is at
 * least this far away. Each csv-parse call costs ~30 µs to set up, so a file where every
 * third row quotes its address is parsed in long runs (~4 µs a record), not call by call.
 */
const quietStretch = 8192;

/** Where a run of lines holding quotes ends (a newline outside quotes, or the end of the chunk). */
function quotedRunEnd(bytes: Buffer, start: number, firstQuote: number): {end: number; nextQuote: number} {
	const length = bytes.length;
	let quoteAt = firstQuote;
	let open = false;
	let at = start;
	for (;;) {
		let end = bytes.indexOf(newline, at);
		if (end === -1) end = length;
		while (quoteAt !== -1 && quoteAt < end) {
			open = !open;
			quoteAt = bytes.indexOf(quote, quoteAt + 1);
		}
		if (end >= length) return {end: length, nextQuote: quoteAt};
		at = end + 1;
		if (open) continue;
		if (quoteAt === -1 || quoteAt - end > quietStretch) return {end, nextQuote: quoteAt};
	}
}

function parseRun(bytes: Buffer, firstLine: number, file: string, visit: RecordVisitor): number {
	let records: string[][];
	try {
		records = parse(bytes, parseOptions) as string[][];
	} catch (error) {
		if (error instanceof CsvError) {
			const where = failingRecordLine(bytes, firstLine, (error as CsvError & {records?: number}).records ?? 0);
			throw new UserError(`${file}:${where}: malformed CSV: ${describeCsvError(error)}; nothing was imported`, exitCodes.rejected);
		}
		throw error;
	}
	let line = firstLine;
	for (const record of records) {
		visit(record, line);
		line += 1 + newlinesIn(record);
	}
	return line;
}

/**
 * The line the bad record starts on: after the records csv-parse got through. Its own
 * line count points at where it gave up (for an unclosed quote, the end of the file).
 */
function failingRecordLine(bytes: Buffer, firstLine: number, goodRecords: number): number {
	let line = firstLine;
	if (goodRecords === 0) return line;
	for (const record of parse(bytes, {...parseOptions, to: goodRecords}) as string[][]) line += 1 + newlinesIn(record);
	return line;
}

function newlinesIn(record: string[]): number {
	let count = 0;
	for (const field of record) {
		for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count++;
	}
	return count;
}

function describeCsvError(error: CsvError): string {
	switch (error.code) {
		case 'CSV_QUOTE_NOT_CLOSED':
			return 'a quoted field is never closed';
		case 'INVALID_OPENING_QUOTE':
			return 'a quote inside an unquoted field (quote the whole field and double the quote: "5"" screen")';
		case 'CSV_INVALID_CLOSING_QUOTE':
			return 'text right after a closing quote (double a quote inside a quoted field: "say ""hi""")';
		default:
			return error.message;
	}
}

/** A line holding nothing (or only spaces) is skipped, not reported. */
export function isBlankRecord(record: string[]): boolean {
	return record.length === 1 && record[0]!.trim() === '';
}

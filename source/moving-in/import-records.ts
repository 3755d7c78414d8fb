import fs from 'node:fs';
import {UserError, exitCodes} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';
import {csvRecordBatches, readCsvRecords, type RecordBatch, type RecordVisitor} from '../csv/csv-records.js';
import {exportColumns} from '../customers/customer-csv-header.js';
import {cardRecords} from './vcard-cards.js';
import {logicalLines, physicalLines} from './vcard-lines.js';

export type ImportReadOptions = {
	onBytes?: (bytesRead: number) => void;
	/** A card that cannot be read: its BEGIN line, why, and a row for the rejects file. */
	onRejected?: (line: number, reason: string, record: string[]) => void;
};

/** A vCard file: named .vcf or .vcard, or a file that starts with BEGIN:VCARD whatever its name. */
export function isVcardFile(file: string): boolean {
	if (/\.(?:vcf|vcard)$/iu.test(file)) return true;
	let fd: number | undefined;
	try {
		fd = fs.openSync(file, 'r');
		if (!fs.fstatSync(fd).isFile()) return false;
		const start = Buffer.alloc(512);
		const read = fs.readSync(fd, start, 0, start.length, 0);
		return /^(?:\uFEFF)?\s*BEGIN:VCARD/iu.test(start.subarray(0, read).toString('utf8'));
	} catch {
		return false;
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

/** Mapping flags name CSV columns: a vCard has none. */
export function refuseMappingOfVcard(file: string, label: string, mapping: unknown): void {
	if (mapping && isVcardFile(file)) throw new UserError(`--map, --status-map and --extra read the columns of a CSV file; ${label} is a vCard file (its properties are read as they are)`, exitCodes.usage);
}

/**
 * The records of an import file, as `readCsvRecords` gives them: a CSV file as it is, a vCard
 * file as a header of opsdesk's columns followed by a row per card (at its BEGIN:VCARD line).
 */
export function readImportRecords(file: string, label: string, visit: RecordVisitor, options: ImportReadOptions = {}): void {
	if (!isVcardFile(file)) {
		readCsvRecords(file, label, visit, options);
		return;
	}
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(file);
	} catch (error) {
		throw new UserError(`${label}: cannot read: ${describeFileError(error)}`, exitCodes.usage);
	}
	const lines = physicalLines(bytes);
	if (!lines.some(line => line.text.trim() !== '')) throw new UserError(`${label}: the file is empty (no cards). Nothing was imported`, exitCodes.rejected);
	visit([...exportColumns], 1);
	const notesAt = exportColumns.indexOf('notes');
	for (const card of cardRecords(logicalLines(lines))) {
		if ('record' in card) {
			visit(card.record, card.line);
			continue;
		}
		// The rejects file shows which card it was: its text, in the notes column.
		const record = exportColumns.map(() => '');
		record[notesAt] = cardText(lines, card.line);
		options.onRejected?.(card.line, card.reason, record);
	}
	options.onBytes?.(bytes.length);
}

/** Records in batches, as `csvRecordBatches` gives them; a vCard's unreadable cards come in `rejected`. */
export type ImportBatch = RecordBatch & {rejected?: Array<[line: number, reason: string, record: string[]]>};

/** `readImportRecords` as batches, for an import that awaits its inserts between them. */
export function* importRecordBatches(file: string, label: string, options: {onBytes?: (bytesRead: number) => void} = {}): Generator<ImportBatch> {
	if (!isVcardFile(file)) {
		yield* csvRecordBatches(file, label, options);
		return;
	}
	let batch: ImportBatch = {records: [], lines: [], rejected: []};
	const full: ImportBatch[] = [];
	readImportRecords(file, label, (record, line) => {
		batch.records.push(record);
		batch.lines.push(line);
		if (batch.records.length >= 1000) {
			full.push(batch);
			batch = {records: [], lines: [], rejected: []};
		}
	}, {...options, onRejected: (line, reason, record) => batch.rejected!.push([line, reason, record])});
	yield* full;
	yield batch;
}

/** The first lines of the card starting at `line`, as text, for a rejects file. */
function cardText(lines: ReturnType<typeof physicalLines>, line: number): string {
	const from = lines.findIndex(candidate => candidate.line === line);
	const shown: string[] = [];
	for (let at = from; at >= 0 && at < lines.length && shown.length < 20; at++) {
		const text = Buffer.from(lines[at]!.text, 'latin1').toString('utf8');
		shown.push(text.length > 200 ? `${text.slice(0, 199)}…` : text);
		if (/^END:VCARD/iu.test(text)) break;
	}
	return shown.join('\n');
}

import fs from 'node:fs';
import path from 'node:path';
import type {Database} from 'better-sqlite3';
import {stringify} from 'csv-stringify/sync';
import {UserError, exitCodes} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';
import {exportColumns} from './customer-csv-header.js';
import type {CustomerRow} from './customer-rows.js';

const rowsPerWrite = 2000;

/**
 * Writes every live customer, in id order, with the columns of `exportColumns`; tags as
 * "a;b". Rows are streamed from SQLite in batches, so a million customers never sit in
 * memory. The file is written beside its target and renamed, so a failed export never
 * leaves half a file under the name asked for. It is 0600: it holds customer data.
 */
export function exportCustomersCsv(db: Database, target: string): {exported: number} {
	const destination = path.resolve(target);
	const temporary = `${destination}.partial-${process.pid}`;
	let fd: number;
	try {
		fd = fs.openSync(temporary, 'w', 0o600);
	} catch (error) {
		throw new UserError(`${target}: cannot write: ${describeFileError(error)}`, exitCodes.usage);
	}
	let exported = 0;
	try {
		writeAll(fd, stringify([exportColumns as unknown as string[]]));
		const rows = db.prepare<[], CustomerRow>(`SELECT ${exportColumns.join(', ')} FROM customers WHERE deleted_at IS NULL ORDER BY id`).iterate();
		let batch: string[][] = [];
		for (const row of rows) {
			batch.push(exportColumns.map(column => (column === 'tags' ? (JSON.parse(row.tags) as string[]).join(';') : String(row[column]))));
			if (batch.length === rowsPerWrite) {
				writeAll(fd, stringify(batch));
				exported += batch.length;
				batch = [];
			}
		}
		if (batch.length > 0) writeAll(fd, stringify(batch));
		exported += batch.length;
		fs.closeSync(fd);
		fs.renameSync(temporary, destination);
	} catch (error) {
		try {
			fs.closeSync(fd);
		} catch {
			// Already closed when the rename failed.
		}
		fs.rmSync(temporary, {force: true});
		if (error instanceof UserError) throw error;
		throw new UserError(`${target}: export failed: ${(error as Error).message}`, exitCodes.usage);
	}
	return {exported};
}

function writeAll(fd: number, text: string): void {
	const bytes = Buffer.from(text);
	let written = 0;
	while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
}

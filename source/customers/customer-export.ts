import type {Database} from 'better-sqlite3';
import {CsvFileWriter} from '../csv/csv-writer.js';
import {exportColumns} from './customer-csv-header.js';
import type {CustomerRow} from './customer-rows.js';

export type ExportOptions = {
	/** Cells exactly as stored, without the `'` before formula-like values (formula-cells.ts). */
	raw?: boolean;
};

/**
 * Writes every live customer, in id order, with the columns of `exportColumns`; tags as
 * "a;b". Rows are streamed from SQLite, so a million customers never sit in memory. The
 * file is 0600 (it holds customer data) and appears only when whole (csv-writer.ts).
 */
export function exportCustomersCsv(db: Database, target: string, options: ExportOptions = {}): {exported: number} {
	return CsvFileWriter.write(target, options, writer => {
		writer.header(exportColumns);
		const rows = db.prepare<[], CustomerRow>(`SELECT ${exportColumns.join(', ')} FROM customers WHERE deleted_at IS NULL ORDER BY id`).iterate();
		for (const row of rows) {
			writer.row(exportColumns.map(column => (column === 'tags' ? (JSON.parse(row.tags) as string[]).join(';') : String(row[column]))));
		}
		return {exported: writer.rows};
	});
}

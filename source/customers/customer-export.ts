import type {Db} from '../store/store.js';
import {CsvFileWriter} from '../csv/csv-writer.js';
import {exportColumns} from './customer-csv-header.js';

export type ExportOptions = {
	/** Cells exactly as stored, without the `'` before formula-like values (formula-cells.ts). */
	raw?: boolean;
};

/**
 * Writes every live customer, in id order, with the columns of `exportColumns`; tags as
 * "a;b". Rows are streamed from the store in one snapshot, so a million customers never sit
 * in memory. The file is 0600 (it holds customer data) and appears only when whole (csv-writer.ts).
 */
export async function exportCustomersCsv(db: Db, target: string, options: ExportOptions = {}): Promise<{exported: number}> {
	return CsvFileWriter.writeAsync(target, options, writer => db.read(async tx => {
		writer.header(exportColumns);
		const rows = tx.db.selectFrom('customers').select(exportColumns).where('deleted_at', 'is', null).orderBy('id').stream(1000);
		for await (const row of rows) {
			writer.row(exportColumns.map(column => (column === 'tags' ? (JSON.parse(row.tags) as string[]).join(';') : String(row[column]))));
		}
		return {exported: writer.rows};
	}));
}

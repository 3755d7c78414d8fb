import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {streamOf} from '../store/stream.js';
import {CsvFileWriter} from '../csv/csv-writer.js';
import {formatAmount} from './order-fields.js';
import {orderCsvColumns} from './order-csv.js';

type ExportRow = {number: string; customer_email: string; status: string; amount: number; currency: string; placed_at: string; closed_at: string | null; note: string};

export type OrderExportResult = {
	exported: number;
	/** Orders left out because import could not give them back their customer (see below). */
	leftOut: {deletedCustomer: number; noEmail: number};
};

/**
 * `export orders FILE.csv`: the columns import reads, amounts as decimals, so an export
 * imports again unchanged. Import finds an order's customer by email among live customers,
 * so an order whose customer is deleted (and so absent from `export customers`) or has no
 * email could never come back: such orders are left out and counted, rather than written
 * into a file whose import would reject them. Streams rows (five million orders stay out of
 * memory) into a private file that appears only when whole (csv-writer.ts).
 */
export async function exportOrders(db: Db, file: string, options: {raw?: boolean} = {}): Promise<OrderExportResult> {
	return CsvFileWriter.writeAsync(file, options, writer => db.read(async tx => {
		// One read transaction: the count of left-out orders matches the rows written.
		writer.header(orderCsvColumns);
		const rows = sql<ExportRow>`SELECT o.number, c.email AS customer_email, o.status, o.amount, o.currency, o.placed_at, o.closed_at, o.note
			FROM orders AS o JOIN customers AS c ON c.id = o.customer_id
			WHERE c.deleted_at IS NULL AND c.email <> '' ORDER BY o.id`;
		for await (const row of streamOf<ExportRow>(tx, rows)) {
			writer.row([row.number, row.customer_email, row.status, formatAmount(Number(row.amount)), row.currency, row.placed_at, row.closed_at ?? '', row.note]);
		}
		const left = await sql<{deletedCustomer: number; noEmail: number}>`SELECT
				count(*) FILTER (WHERE c.deleted_at IS NOT NULL) AS "deletedCustomer",
				count(*) FILTER (WHERE c.deleted_at IS NULL AND c.email = '') AS "noEmail"
			FROM orders AS o JOIN customers AS c ON c.id = o.customer_id WHERE c.deleted_at IS NOT NULL OR c.email = ''`.execute(tx.db);
		const counts = left.rows[0];
		return {exported: writer.rows, leftOut: {deletedCustomer: Number(counts?.deletedCustomer ?? 0), noEmail: Number(counts?.noEmail ?? 0)}};
	}));
}

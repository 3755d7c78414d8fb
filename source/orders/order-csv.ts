import {readCsvHeader, type CsvHeader} from '../csv/csv-header.js';
import {unguardCell} from '../csv/formula-cells.js';

/** The order CSV columns, in the order export writes them. `note` is optional on import. */
export const orderCsvColumns = ['number', 'customer_email', 'status', 'amount', 'currency', 'placed_at', 'closed_at', 'note'] as const;
export type OrderCsvColumn = (typeof orderCsvColumns)[number];

export type OrderCsvHeader = CsvHeader<OrderCsvColumn>;

const rules = {known: orderCsvColumns, required: ['customer_email', 'amount'] as const};

/** Reads the header row: any order and case; unknown, repeated or missing columns stop the import. */
export function readOrderHeader(record: readonly string[], label: string, line: number): OrderCsvHeader {
	return readCsvHeader(record, rules, label, line);
}

/** A data row's cells by column (empty when the column is absent), with an export's `'` taken off unless `raw`. */
export function orderCells(record: readonly string[], header: OrderCsvHeader, raw: boolean): Record<OrderCsvColumn, string> {
	const cells = {} as Record<OrderCsvColumn, string>;
	for (const column of orderCsvColumns) {
		const index = header.at[column];
		const cell = index === -1 ? '' : record[index] ?? '';
		cells[column] = raw ? cell : unguardCell(cell);
	}
	return cells;
}

import {readCsvHeader, type CsvHeader as Header} from '../csv/csv-header.js';
import {customerFieldNames} from './customer-fields.js';

/**
 * The columns `export customers` writes, in order. Import accepts any subset in any order
 * and any case; `name` is the only one it needs. `error` is what `--rejects` adds, so a
 * fixed rejects file can be imported again as it is (the column is ignored).
 */
export const exportColumns = ['id', ...customerFieldNames, 'created_at', 'updated_at', 'version'] as const;
export type CsvColumn = (typeof exportColumns)[number];

export type CsvHeader = Header<CsvColumn>;

const rules = {known: exportColumns, required: ['name'] as const};

/** Reads the header row; an unknown, repeated or missing column stops the import before anything is written. */
export function readHeader(record: readonly string[], file: string, line: number): CsvHeader {
	return readCsvHeader(record, rules, file, line);
}

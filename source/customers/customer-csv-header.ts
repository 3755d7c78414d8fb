import {UserError, exitCodes} from '../store/errors.js';
import {customerFieldNames} from './customer-fields.js';

/**
 * The columns `export customers` writes, in order. Import accepts any subset in any order
 * and any case; `name` is the only one it needs. `error` is what `--rejects` adds, so a
 * fixed rejects file can be imported again as it is (the column is ignored).
 */
export const exportColumns = ['id', ...customerFieldNames, 'created_at', 'updated_at', 'version'] as const;
export type CsvColumn = (typeof exportColumns)[number];

const importColumns: readonly string[] = [...exportColumns, 'error'];

/** Where each known column sits in a record (-1: absent), and how many fields a row must have. */
export type CsvHeader = {
	names: string[];
	width: number;
	at: Record<CsvColumn, number>;
};

/** Reads the header row; an unknown, repeated or missing column stops the import before anything is written. */
export function readHeader(record: readonly string[], file: string, line: number): CsvHeader {
	const at = Object.fromEntries(exportColumns.map(column => [column, -1])) as Record<CsvColumn, number>;
	const seen = new Set<string>();
	record.forEach((raw, index) => {
		const name = raw.trim().toLowerCase();
		const where = `${file}:${line}: column ${index + 1}`;
		if (!importColumns.includes(name)) {
			throw new UserError(`${where}: unknown column "${raw.trim()}"; known columns: ${exportColumns.join(', ')}. Nothing was imported`, exitCodes.rejected);
		}
		if (seen.has(name)) throw new UserError(`${where}: column "${name}" appears twice. Nothing was imported`, exitCodes.rejected);
		seen.add(name);
		if (name !== 'error') at[name as CsvColumn] = index;
	});
	if (at.name === -1) throw new UserError(`${file}:${line}: the header has no "name" column. Nothing was imported`, exitCodes.rejected);
	return {names: record.map(name => name.trim()), width: record.length, at};
}

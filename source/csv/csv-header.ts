import {UserError, exitCodes} from '../store/errors.js';

/** The column a rejects file adds (csv-rejects.ts); every import ignores it so a fixed rejects file imports again. */
export const rejectsColumn = 'error';

export type HeaderRules<Column extends string> = {
	/** Every column the import reads, in the order messages list them. */
	known: readonly Column[];
	/** Columns a file must have. */
	required: readonly Column[];
};

/** Where each known column sits in a record (-1: absent), and how many fields a row must have. */
export type CsvHeader<Column extends string> = {
	/** The header as written in the file (trimmed), for a rejects file with the same columns. */
	names: string[];
	width: number;
	at: Record<Column, number>;
};

/**
 * Reads a header row, names in any order and case. An unknown, repeated or missing column
 * stops the import before anything is written (exit 2), naming the file, line and column:
 * a misspelt column would otherwise import every row with that field empty.
 */
export function readCsvHeader<Column extends string>(record: readonly string[], rules: HeaderRules<Column>, label: string, line: number): CsvHeader<Column> {
	const at = Object.fromEntries(rules.known.map(column => [column, -1])) as Record<Column, number>;
	const seen = new Map<string, number>();
	record.forEach((raw, index) => {
		const name = raw.trim().toLowerCase();
		const where = `${label}:${line}: column ${index + 1}`;
		const earlier = seen.get(name);
		if (earlier !== undefined) {
			throw new UserError(`${where}: column "${name}" appears twice (also column ${earlier + 1}). Nothing was imported`, exitCodes.rejected);
		}
		seen.set(name, index);
		if (name === rejectsColumn) return;
		if (!(rules.known as readonly string[]).includes(name)) {
			const shown = name === '' ? 'a column without a name' : `unknown column "${raw.trim()}"`;
			throw new UserError(`${where}: ${shown}; known columns: ${rules.known.join(', ')}. Nothing was imported`, exitCodes.rejected);
		}
		at[name as Column] = index;
	});
	const missing = rules.required.filter(column => at[column] === -1);
	if (missing.length > 0) {
		const names = missing.map(column => `"${column}"`).join(' and ');
		throw new UserError(`${label}:${line}: the header has no ${names} column${missing.length > 1 ? 's' : ''}. Nothing was imported`, exitCodes.rejected);
	}
	return {names: record.map(name => name.trim()), width: record.length, at};
}

import {exportColumns, type CsvColumn} from '../customers/customer-csv-header.js';
import {foldText} from '../customers/search-text.js';

/**
 * How a customer field is filled from the columns of another system's export. A rule lists
 * alternatives; the first one with any text wins. An alternative is lines of columns: the
 * columns of a line are joined by a space ("First Name" + "Last Name"), the lines by a line
 * break (an address: the street, then "postal code, state") — one-line fields join lines by a
 * space too. `--map "First Name+Last Name=name,Mobile|Phone=phone"` writes the same rules.
 */
export type ColumnRule = {
	target: CsvColumn;
	alternatives: ReadonlyArray<ReadonlyArray<readonly string[]>>;
};

/** Where a mapping came from: what the summary and `--dry-run` say. */
export type MappingSource = {id: string; label: string};

/**
 * A header name as the dictionaries compare it: any case, any spacing or punctuation, accents
 * folded — "First Name", "FirstName", "first_name" and "FIRST NAME" are one column.
 */
export function headerKey(name: string): string {
	return foldText(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The fields a rule may fill: every column of an opsdesk export. */
export const mappableFields: readonly CsvColumn[] = exportColumns;

export function isMappableField(name: string): name is CsvColumn {
	return (mappableFields as readonly string[]).includes(name);
}

/** A rule from alternatives given as columns or lines of columns: `rule('phone', 'Mobile', 'Phone')`. */
export function rule(target: CsvColumn, ...alternatives: Array<string | Array<string | string[]>>): ColumnRule {
	return {
		target,
		alternatives: alternatives.map(alternative => {
			if (typeof alternative === 'string') return [[alternative]];
			// A flat list of strings is one line; a nested list is several lines.
			if (alternative.every(part => typeof part === 'string')) return [alternative as string[]];
			return alternative.map(line => (typeof line === 'string' ? [line] : line));
		}),
	};
}

/** Every column a rule reads, as header keys. */
export function ruleColumns(columnRule: ColumnRule): string[] {
	return columnRule.alternatives.flatMap(alternative => alternative.flat().map(headerKey));
}

import {Children} from 'react';
import {Text} from 'ink';
import {Table, type CellProps} from '@alcalzone/ink-table';
import {textWidth} from './fit-text.js';

type Row = Record<string, string | number>;

/** Columns a value takes beyond its length: one per wide (CJK) character. */
function extraColumns(text: string): number {
	return textWidth(text) - text.length;
}

/**
 * ink-table sizes columns by string length, so a CJK name (two columns a character) pushes
 * its row out of line. Each value gets trailing spaces up to its terminal width, so the
 * table sizes the column right; the cell then drops as many trailing spaces as its wide
 * characters add back.
 */
function widen(rows: readonly Row[]): Row[] {
	return rows.map(row => Object.fromEntries(Object.entries(row).map(([key, value]) =>
		[key, typeof value === 'string' ? value + ' '.repeat(Math.max(0, extraColumns(value))) : value])));
}

function FittedCell({children}: CellProps) {
	const text = Children.toArray(children).join('');
	const extra = extraColumns(text);
	return <Text>{extra > 0 ? text.replace(new RegExp(` {0,${extra}}$`), '') : text}</Text>;
}

/** Columns the table takes on screen: each column's widest value plus padding, and the borders. */
export function reportTableWidth(rows: readonly Row[]): number {
	const keys = Object.keys(rows[0] ?? {});
	const columns = keys.map(key => Math.max(key.length, ...rows.map(row => textWidth(String(row[key] ?? '')))) + 2);
	return columns.reduce((sum, width) => sum + width, 0) + keys.length + 1;
}

/** A small report table drawn with @alcalzone/ink-table, lined up for wide characters too. */
export function ReportTable({rows}: {rows: readonly Row[]}) {
	return <Table data={widen(rows)} cell={FittedCell} />;
}

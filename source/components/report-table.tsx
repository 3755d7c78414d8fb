import {memo} from 'react';
import {Box, Text} from 'ink';
import {fitText, textWidth} from './fit-text.js';

type Row = Record<string, string | number>;

const gap = 2;
const numeric = /^[-+]?[\d.,]+[KMBT%s]?$/;

type Column = {key: string; width: number; right: boolean};

/** Each column as wide as its widest value or title; numbers (counts, amounts, durations) to the right. */
function columnsOf(rows: readonly Row[]): Column[] {
	const keys = Object.keys(rows[0] ?? {});
	return keys.map(key => {
		const values = rows.map(row => String(row[key] ?? ''));
		return {
			key,
			width: Math.max(textWidth(key), ...values.map(value => textWidth(value))),
			right: values.every(value => value === '' || numeric.test(value)),
		};
	});
}

function line(columns: readonly Column[], cell: (column: Column) => string): string {
	return columns.map(column => {
		const text = cell(column);
		const fitted = fitText(text, column.width);
		return column.right ? fitted.trimEnd().padStart(column.width) : fitted;
	}).join(' '.repeat(gap)).trimEnd();
}

/** Columns the table takes on screen. */
export function reportTableWidth(rows: readonly Row[]): number {
	const columns = columnsOf(rows);
	return columns.reduce((sum, column) => sum + column.width, 0) + gap * Math.max(0, columns.length - 1);
}

/** Lines the table takes: its header and one per row. */
export const reportTableHeight = (rows: number) => rows + 1;

const RowLine = memo(function RowLine({text}: {text: string}) {
	return <Text wrap="truncate">{text}</Text>;
});

/**
 * A small table of report figures: a header, then a line per row, columns lined up by the
 * columns they take (CJK names included). Drawn as plain lines, a few Ink nodes whatever its
 * size: a key on the Reports tab redraws in a few milliseconds.
 */
export function ReportTable({rows}: {rows: readonly Row[]}) {
	const columns = columnsOf(rows);
	return (
		<Box flexDirection="column">
			<Text bold underline wrap="truncate">{line(columns, column => column.key)}</Text>
			{rows.map((row, index) => <RowLine key={index} text={line(columns, column => String(row[column.key] ?? ''))} />)}
		</Box>
	);
}

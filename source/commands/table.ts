import stringWidth from 'string-width';

/** One column of a plain-text table: its heading and the widest it may grow (in terminal cells). */
export type TableColumn = {heading: string; max?: number};

/**
 * Aligns rows under headings for a terminal, measuring in cells so CJK text (two cells a
 * character) lines up. Long values are cut with an ellipsis; line breaks become spaces.
 * Pure, so it is tested without a terminal.
 */
export function formatTable(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>): string {
	const cells = rows.map(row => row.map((value, index) => fit(oneLine(value), columns[index]?.max)));
	const widths = columns.map((column, index) => Math.max(stringWidth(column.heading), ...cells.map(row => stringWidth(row[index] ?? ''))));
	const lines = [columns.map(column => column.heading), ...cells].map(row =>
		row.map((value, index) => (index === row.length - 1 ? value : pad(value, widths[index]!))).join('  ').trimEnd());
	return `${lines.join('\n')}\n`;
}

/** `key  value` lines with the keys aligned; a value's further lines are indented under it. */
export function formatFields(entries: ReadonlyArray<readonly [string, string]>): string {
	const width = Math.max(...entries.map(([key]) => stringWidth(key)));
	const indent = ' '.repeat(width + 2);
	return entries
		.map(([key, value]) => `${pad(key, width)}  ${value.split(/\r?\n/).join(`\n${indent}`)}`.trimEnd())
		.join('\n')
		.concat('\n');
}

function oneLine(value: string): string {
	return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

function pad(value: string, width: number): string {
	return value + ' '.repeat(Math.max(0, width - stringWidth(value)));
}

/** Cuts a value to at most `max` cells, ending with `…` when it was cut. */
export function fit(value: string, max: number | undefined): string {
	if (max === undefined || stringWidth(value) <= max) return value;
	let result = '';
	let width = 0;
	for (const character of value) {
		const next = stringWidth(character);
		if (width + next > max - 1) break;
		result += character;
		width += next;
	}
	return `${result}…`;
}

import stringWidth from 'string-width';
import {visible} from '../text/visible.js';

/** One column of a plain-text table: its heading and the widest it may grow (in terminal cells). */
export type TableColumn = {heading: string; max?: number};

/** A cell as a terminal should show it: one line, control characters visible, cut to `max` cells. */
function cell(value: string, max: number | undefined): string {
	return fit(visible(oneLine(value)), max);
}

function line(row: readonly string[], widths: readonly number[]): string {
	return row.map((value, index) => (index === row.length - 1 ? value : pad(value, widths[index] ?? 0))).join('  ').trimEnd();
}

function measure(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>): number[] {
	const widths = columns.map(column => stringWidth(column.heading));
	// A loop, not Math.max(...cells): spreading a few hundred thousand rows overflows the stack.
	for (const row of rows) {
		for (let index = 0; index < widths.length; index++) widths[index] = Math.max(widths[index]!, stringWidth(row[index] ?? ''));
	}
	return widths;
}

/**
 * Aligns rows under headings for a terminal, measuring in cells so CJK text (two cells a
 * character) lines up. Long values are cut with an ellipsis; line breaks become spaces;
 * control characters are shown visibly. Pure, so it is tested without a terminal.
 */
export function formatTable(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>): string {
	const cells = rows.map(row => row.map((value, index) => cell(value, columns[index]?.max)));
	const widths = measure(columns, cells);
	return `${[columns.map(column => column.heading), ...cells].map(row => line(row, widths)).join('\n')}\n`;
}

/**
 * A table written as its rows arrive, for listings of any length: the first rows fix the
 * column widths, later rows are padded to them (a wider later value pushes its line out
 * rather than being cut), and nothing holds more than one batch of rows in memory.
 */
export class TableWriter {
	private readonly batch: string[][] = [];
	private widths: number[] | undefined;
	rows = 0;

	constructor(
		private readonly columns: readonly TableColumn[],
		private readonly write: (text: string) => void,
		private readonly measureRows = 1000,
	) {}

	add(row: readonly string[]): void {
		const cells = row.map((value, index) => cell(value, this.columns[index]?.max));
		this.rows++;
		if (this.widths) {
			this.write(`${line(cells, this.widths)}\n`);
			return;
		}
		this.batch.push(cells);
		if (this.batch.length >= this.measureRows) this.flush();
	}

	/** Writes what is buffered (the heading too); call once at the end. Nothing at all for no rows. */
	end(): void {
		if (!this.widths && this.batch.length > 0) this.flush();
	}

	private flush(): void {
		this.widths = measure(this.columns, this.batch);
		const text = [this.columns.map(column => column.heading), ...this.batch].map(row => line(row, this.widths!)).join('\n');
		this.batch.length = 0;
		this.write(`${text}\n`);
	}
}

/** `key  value` lines with the keys aligned; a value's further lines are indented under it. */
export function formatFields(entries: ReadonlyArray<readonly [string, string]>): string {
	let width = 0;
	for (const [key] of entries) width = Math.max(width, stringWidth(key));
	const indent = ' '.repeat(width + 2);
	return entries
		.map(([key, value]) => `${pad(key, width)}  ${visible(value.replace(/\r\n/g, '\n'), '\n\t').split('\n').join(`\n${indent}`)}`.trimEnd())
		.join('\n')
		.concat('\n');
}

function oneLine(value: string): string {
	return value.includes('\n') || value.includes('\r') || value.includes('\t') ? value.replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('\t', ' ') : value;
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

import {visible} from '../text/visible.js';
import {columnsOf, graphemes, lineOf, lineStart, type TextEdit} from './text-editing.js';

/**
 * What a text field shows of its text: the columns that fit, scrolled sideways so the
 * cursor is always on screen. Pure, so scrolling is tested without Ink. Every character
 * is measured as the terminal draws it (CJK and joined emoji take two columns) and shown
 * through `visible`, so a control character stored in a field is a harmless glyph.
 */
export type LineWindow = {
	/** The text left of the cursor, the character under it (a space at the end), the text right of it. */
	before: string;
	at: string;
	after: string;
	/** Columns scrolled off to the left. */
	left: number;
};

type Cell = {shown: string; width: number; index: number};

const cut = '…';

function cellsOf(line: string): Cell[] {
	return graphemes(line).map(({segment, index}) => {
		const shown = visible(segment);
		const width = columnsOf(shown);
		// Zero-width characters (a lone joiner, a zero-width space) get a mark, so the cursor can sit on them.
		return width === 0 ? {shown: '·', width: 1, index} : {shown, width, index};
	});
}

type Drawn = {text: string; width: number; part: 'before' | 'at' | 'after'};

/**
 * Where the view starts so the cursor cell [column, column + cursorWidth) is on screen and
 * off the edge marks: in steps of half the field, and from where the cursor is alone (not
 * from the previous frame), so the same text and cursor always show the same way, however
 * the keys that led there arrived (one by one, or a pasted run at once).
 */
function scrollFor(total: number, width: number, column: number, cursorWidth: number): number {
	if (Math.max(total + 1, column + cursorWidth) <= width) return 0;
	const step = Math.max(1, Math.floor(width / 2));
	// Room for the cursor and the `…` at the right edge.
	const needed = column + cursorWidth + 1 - width;
	const left = needed <= 0 ? 0 : Math.ceil(needed / step) * step;
	return Math.max(0, Math.min(left, column - 1));
}

/**
 * One line `width` columns wide. `cursor` is an index into the line (undefined: no cursor,
 * shown from its start). A `…` at either edge says the line goes on that way.
 */
export function lineWindow(line: string, cursor: number | undefined, width: number): LineWindow {
	const cells: Array<Cell & {part: Drawn['part']}> = [];
	let column = 0;
	let cursorColumn = 0;
	let atSeen = false;
	for (const cell of cellsOf(line)) {
		let part: Drawn['part'] = 'before';
		if (cursor !== undefined && cell.index >= cursor) part = atSeen ? 'after' : 'at';
		if (part === 'at') atSeen = true;
		if (part === 'before') cursorColumn = column + cell.width;
		cells.push({...cell, part});
		column += cell.width;
	}
	const total = column;
	if (cursor !== undefined && !atSeen) cells.push({shown: ' ', width: 1, index: line.length, part: 'at'});
	const cursorWidth = cells.find(cell => cell.part === 'at')?.width ?? 1;
	const scroll = cursor === undefined ? 0 : scrollFor(total, width, cursorColumn, cursorWidth);
	const drawn: Drawn[] = [];
	column = 0;
	for (const cell of cells) {
		const start = column;
		column += cell.width;
		if (column <= scroll) continue;
		if (start >= scroll + width) break;
		// A wide character cut by an edge shows as the spaces it has room for.
		const shownFrom = Math.max(start, scroll);
		const shownTo = Math.min(column, scroll + width);
		const whole = shownFrom === start && shownTo === column;
		drawn.push({text: whole ? cell.shown : ' '.repeat(shownTo - shownFrom), width: shownTo - shownFrom, part: cell.part});
	}
	if (scroll > 0 && drawn[0]) drawn[0] = {...drawn[0], text: cut + ' '.repeat(drawn[0].width - 1)};
	if (total > scroll + width) {
		const last = drawn.at(-1);
		if (last && last.part !== 'at') drawn[drawn.length - 1] = {...last, text: ' '.repeat(last.width - 1) + cut};
	}
	const join = (part: Drawn['part']) => drawn.filter(piece => piece.part === part).map(piece => piece.text).join('');
	return {before: join('before'), at: join('at'), after: join('after'), left: scroll};
}

export type AreaWindow = {
	lines: LineWindow[];
	/** The first line shown and the sideways scroll of the cursor's line, for the next frame. */
	top: number;
	left: number;
	/** The cursor's line (0 first) and how many lines the text has. */
	line: number;
	lineCount: number;
};

/**
 * A text area `rows` lines high: the lines around the cursor's line (scrolled so it is on
 * screen), the cursor's line scrolled sideways, the others shown from their start.
 */
export function areaWindow(state: TextEdit | {text: string; cursor?: undefined}, width: number, rows: number, previous: {top: number; left: number} = {top: 0, left: 0}): AreaWindow {
	const lines = state.text.split('\n');
	const focused = state.cursor !== undefined;
	const {line, lines: lineCount} = focused ? lineOf(state as TextEdit) : {line: 0, lines: lines.length};
	let top = focused ? previous.top : 0;
	if (line < top) top = line;
	if (line >= top + rows) top = line - rows + 1;
	top = Math.max(0, Math.min(top, Math.max(0, lineCount - rows)));
	const shown: LineWindow[] = [];
	let left = 0;
	for (let index = top; index < Math.min(lines.length, top + rows); index++) {
		if (focused && index === line) {
			const start = lineStart(state.text, state.cursor!);
			const window = lineWindow(lines[index]!, state.cursor! - start, width);
			left = window.left;
			shown.push(window);
		} else {
			shown.push(lineWindow(lines[index]!, undefined, width));
		}
	}
	return {lines: shown, top, left, line, lineCount};
}

/** A line cut to `width` columns with a `…` where it goes on, controls shown as glyphs: a field without focus. */
export function lineShown(line: string, width: number): string {
	const window = lineWindow(line, undefined, width);
	return window.before + window.at + window.after;
}

import stripAnsi from 'strip-ansi';
import stringWidth from '../text/text-width.js';

/**
 * The text of a field and where its cursor is, and every edit a key makes, as pure
 * functions (tested without Ink). The cursor is an index into the string that always sits
 * between two graphemes, so a CJK character, an accent typed as two code points or an
 * emoji joined with ZWJ moves and deletes as one character.
 */
export type TextEdit = {
	text: string;
	cursor: number;
	/** The column Up/Down aim for, kept while moving through shorter lines. */
	goal?: number;
};

const segmenter = new Intl.Segmenter();
const wordCharacter = /[\p{L}\p{N}\p{M}_]/u;

export function lineStart(text: string, index: number): number {
	return text.lastIndexOf('\n', index - 1) + 1;
}

export function lineEnd(text: string, index: number): number {
	const end = text.indexOf('\n', index);
	return end < 0 ? text.length : end;
}

/** Graphemes of a piece of text with their start index (relative to the piece). */
export function graphemes(text: string): Array<{segment: string; index: number}> {
	return [...segmenter.segment(text)].map(({segment, index}) => ({segment, index}));
}

function previousBoundary(text: string, index: number): number {
	if (index <= 0) return 0;
	const start = lineStart(text, index);
	if (start === index) return index - 1;
	return start + graphemes(text.slice(start, index)).at(-1)!.index;
}

function nextBoundary(text: string, index: number): number {
	if (index >= text.length) return text.length;
	if (text[index] === '\n') return index + 1;
	const first = graphemes(text.slice(index, lineEnd(text, index)))[0];
	return index + (first?.segment.length ?? 1);
}

/** Columns a piece of text takes in a terminal (wide characters two, joined emoji two). */
export function columnsOf(text: string): number {
	return stringWidth(text);
}

// Control characters cannot be typed (the key decoder names them) but arrive in pastes:
// escape sequences copied from a coloured terminal, tabs from a spreadsheet. A sequence
// goes whole (`ESC [31m`, a link's `ESC ]8;;URL BEL`): without its ESC, the rest would be text.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** What typing or pasting `typed` puts in a field: line breaks only where the field has lines. */
export function cleanTyped(typed: string, multiline: boolean): string {
	const plain = typed.includes('\u001B') || typed.includes('\u009B') ? stripAnsi(typed) : typed;
	const text = plain.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(controls, '');
	return multiline ? text : text.replace(/\n+/g, ' ');
}

export function insert(state: TextEdit, typed: string, multiline = false): TextEdit {
	const clean = cleanTyped(typed, multiline);
	if (!clean) return state;
	return {text: state.text.slice(0, state.cursor) + clean + state.text.slice(state.cursor), cursor: state.cursor + clean.length};
}

function remove(state: TextEdit, from: number, to: number): TextEdit {
	if (from === to) return {...state, goal: undefined};
	return {text: state.text.slice(0, from) + state.text.slice(to), cursor: from};
}

export const backspace = (state: TextEdit): TextEdit => remove(state, previousBoundary(state.text, state.cursor), state.cursor);
export const deleteForward = (state: TextEdit): TextEdit => remove(state, state.cursor, nextBoundary(state.text, state.cursor));
export const left = (state: TextEdit): TextEdit => ({text: state.text, cursor: previousBoundary(state.text, state.cursor)});
export const right = (state: TextEdit): TextEdit => ({text: state.text, cursor: nextBoundary(state.text, state.cursor)});
export const home = (state: TextEdit): TextEdit => ({text: state.text, cursor: lineStart(state.text, state.cursor)});
export const end = (state: TextEdit): TextEdit => ({text: state.text, cursor: lineEnd(state.text, state.cursor)});
export const textStart = (state: TextEdit): TextEdit => ({text: state.text, cursor: 0});
export const textEnd = (state: TextEdit): TextEdit => ({text: state.text, cursor: state.text.length});

/** Back to the start of this word or the one before, as readline's Alt-B. */
export function wordLeft(state: TextEdit, isWord: (character: string) => boolean = character => wordCharacter.test(character)): TextEdit {
	let cursor = state.cursor;
	while (cursor > 0 && !isWord(state.text.slice(previousBoundary(state.text, cursor), cursor))) cursor = previousBoundary(state.text, cursor);
	while (cursor > 0 && isWord(state.text.slice(previousBoundary(state.text, cursor), cursor))) cursor = previousBoundary(state.text, cursor);
	return {text: state.text, cursor};
}

/** On to the end of this word or the next, as readline's Alt-F. */
export function wordRight(state: TextEdit): TextEdit {
	const isWord = (from: number) => wordCharacter.test(state.text.slice(from, nextBoundary(state.text, from)));
	let cursor = state.cursor;
	while (cursor < state.text.length && !isWord(cursor)) cursor = nextBoundary(state.text, cursor);
	while (cursor < state.text.length && isWord(cursor)) cursor = nextBoundary(state.text, cursor);
	return {text: state.text, cursor};
}

/** Ctrl-W: the word before the cursor up to the previous space, as in a shell. */
export function deleteWordBefore(state: TextEdit): TextEdit {
	const start = wordLeft(state, character => !/\s/u.test(character)).cursor;
	return remove(state, start, state.cursor);
}

/** Alt-Backspace: back to the start of the word (punctuation stops it), as in readline. */
export function deleteWordPart(state: TextEdit): TextEdit {
	return remove(state, wordLeft(state).cursor, state.cursor);
}

/** Alt-D: to the end of the word after the cursor. */
export function deleteWordAfter(state: TextEdit): TextEdit {
	return remove(state, state.cursor, wordRight(state).cursor);
}

/** Ctrl-U: from the start of the line to the cursor. */
export const killToStart = (state: TextEdit): TextEdit => remove(state, lineStart(state.text, state.cursor), state.cursor);

/** Ctrl-K: from the cursor to the end of the line; at the end of a line, joins the next one. */
export function killToEnd(state: TextEdit): TextEdit {
	const stop = lineEnd(state.text, state.cursor);
	return remove(state, state.cursor, stop === state.cursor ? Math.min(state.text.length, stop + 1) : stop);
}

/** The column of the cursor in its line. */
export function cursorColumn(state: TextEdit): number {
	return columnsOf(state.text.slice(lineStart(state.text, state.cursor), state.cursor));
}

/** The index in the line starting at `start` closest to `column`, never splitting a character. */
function atColumn(text: string, start: number, column: number): number {
	const stop = lineEnd(text, start);
	let used = 0;
	for (const {segment, index} of graphemes(text.slice(start, stop))) {
		const width = columnsOf(segment);
		if (used + width > column) return start + index;
		used += width;
	}
	return stop;
}

/** One line up (`-1`) or down (`1`) at the same column; undefined at the first or last line. */
export function moveLine(state: TextEdit, by: -1 | 1): TextEdit | undefined {
	const goal = state.goal ?? cursorColumn(state);
	const start = lineStart(state.text, state.cursor);
	if (by < 0) {
		if (start === 0) return undefined;
		return {text: state.text, cursor: atColumn(state.text, lineStart(state.text, start - 1), goal), goal};
	}
	const stop = lineEnd(state.text, state.cursor);
	if (stop === state.text.length) return undefined;
	return {text: state.text, cursor: atColumn(state.text, stop + 1, goal), goal};
}

/** Up or down `lines` lines (a page), stopping at the first or last line. */
export function moveLines(state: TextEdit, by: -1 | 1, lines: number): TextEdit {
	let moved = state;
	for (let step = 0; step < lines; step++) moved = moveLine(moved, by) ?? moved;
	return moved;
}

/** Which line the cursor is on (0 first) and how many lines there are. */
export function lineOf(state: TextEdit): {line: number; lines: number} {
	let line = 0;
	for (let index = state.text.indexOf('\n'); index >= 0 && index < state.cursor; index = state.text.indexOf('\n', index + 1)) line++;
	let lines = 1;
	for (let index = state.text.indexOf('\n'); index >= 0; index = state.text.indexOf('\n', index + 1)) lines++;
	return {line, lines};
}

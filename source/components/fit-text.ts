import stringWidth from '../text/text-width.js';
import {visible} from '../text/visible.js';

// Latin letters with accents written as one code point (é, ü, ł, ø): one column each, like ASCII.
const narrowLatin = /^[\x20-\x7e\u00a0-\u02ff]*$/;
const segmenter = new Intl.Segmenter();

/** Columns a text takes in a terminal: wide (CJK) characters count as two. */
export function textWidth(text: string): number {
	return narrowLatin.test(text) ? text.length : stringWidth(text);
}

/**
 * Exactly `width` columns: cut with "…" when too long, padded with spaces when short.
 * A wide character that would straddle the edge is replaced by a space, so every row of
 * a list lines up. Control characters (an escape sequence in a hostile name, a newline in
 * a note) are shown as glyphs by `visible`, so data can never drive the terminal.
 */
export function fitText(text: string, width: number): string {
	if (width <= 0) return '';
	// Most names, companies and emails: one UTF-16 unit per column, no segmenting needed.
	if (narrowLatin.test(text)) {
		return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
	}
	const clean = visible(text);
	const total = stringWidth(clean);
	if (total <= width) return clean + ' '.repeat(width - total);
	let result = '';
	let used = 0;
	for (const {segment} of segmenter.segment(clean)) {
		const columns = stringWidth(segment);
		if (used + columns > width - 1) break;
		result += segment;
		used += columns;
	}
	return `${result}…${' '.repeat(width - 1 - used)}`;
}

/** Cut from the left ("…/data/opsdesk.db"): the end of a path says the most. */
export function fitPathLeft(text: string, width: number): string {
	if (textWidth(text) <= width) return text;
	if (width <= 1) return '…'.slice(0, width);
	const characters = [...text];
	let result = '';
	let used = 0;
	for (let index = characters.length - 1; index >= 0; index--) {
		const columns = textWidth(characters[index]!);
		if (used + columns > width - 1) break;
		result = characters[index] + result;
		used += columns;
	}
	return `…${result}`;
}

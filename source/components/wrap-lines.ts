import {visible} from '../text/visible.js';
import {columnsOf, graphemes} from './text-editing.js';

/**
 * Text as lines at most `width` columns wide, for a view that scrolls by line: its own
 * line breaks kept, long lines broken at a space where there is one. Controls are shown as
 * glyphs (`visible`), so a body copied from a terminal cannot drive this one.
 */
export function wrapLines(text: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	for (const paragraph of text.split(/\r\n|\r|\n/)) {
		let line = '';
		let used = 0;
		let lastSpace = -1;
		for (const {segment} of graphemes(visible(paragraph))) {
			const columns = columnsOf(segment);
			if (used + columns > room) {
				if (lastSpace > 0) {
					lines.push(line.slice(0, lastSpace).trimEnd());
					line = line.slice(lastSpace + 1);
				} else {
					lines.push(line);
					line = '';
				}
				used = columnsOf(line);
				lastSpace = -1;
			}
			if (segment === ' ') lastSpace = line.length;
			line += segment;
			used += columns;
		}
		lines.push(line);
	}
	return lines;
}

import {describe, expect, it} from 'vitest';
import {areaWindow, lineShown, lineWindow} from '../../source/components/text-view.js';
import {textWidth} from '../../source/components/fit-text.js';
import {wrapLines} from '../../source/components/wrap-lines.js';

const whole = (window: {before: string; at: string; after: string}) => window.before + window.at + window.after;

describe('what a text field shows', () => {
	it('scrolls sideways so the cursor is always on screen, with … where the text goes on', () => {
		const text = 'abcdefghijklmnopqrstuvwxyz';
		for (let cursor = 0; cursor <= text.length; cursor++) {
			const window = lineWindow(text, cursor, 10);
			// The character under the cursor (a space at the end) is always shown, inside the ten columns, off the edge marks.
			expect(window.at).toBe(text[cursor] ?? ' ');
			expect(textWidth(whole(window))).toBeLessThanOrEqual(10);
			expect(window.before.endsWith('…')).toBe(false);
		}
		const end = lineWindow(text, text.length, 10);
		expect(end.before.startsWith('…')).toBe(true);
		expect(whole(lineWindow(text, 0, 10))).toBe('abcdefghi…');
		// It scrolls by half the field at a time, not a column per key.
		const lefts = new Set(Array.from({length: text.length + 1}, (_, cursor) => lineWindow(text, cursor, 10).left));
		expect([...lefts].every(left => left % 5 === 0)).toBe(true);
	});

	it('measures CJK and joined emoji by the columns they take, never cutting one in half', () => {
		const text = '王小明有限公司👩‍💻上海贸易';
		for (let cursor = 0; cursor <= text.length; cursor += text.codePointAt(cursor)! > 0xffff ? 2 : 1) {
			if (text[cursor] === '\u200D') continue;
			const window = lineWindow(text, cursor, 9);
			expect(textWidth(whole(window))).toBeLessThanOrEqual(9);
		}
		expect(lineShown(text, 9)).toBe('王小明有…');
		expect(textWidth(lineShown(text, 9))).toBe(9);
	});

	it('shows control characters from the database as glyphs, so a value cannot drive the terminal', () => {
		expect(lineShown('Evil \u001B[2J\u0007', 20)).toBe('Evil ␛[2J␇');
		expect(whole(lineWindow('a\u200Bb', 1, 10))).toBe('a·b');
	});

	it('shows a text area around the cursor line, scrolling down and up', () => {
		const text = ['one', 'two', 'three', 'four', 'five'].join('\n');
		const bottom = areaWindow({text, cursor: text.length}, 10, 2);
		expect(bottom.lines.map(whole)).toEqual(['four', 'five ']);
		expect(bottom).toMatchObject({top: 3, line: 4, lineCount: 5});
		const top = areaWindow({text, cursor: 0}, 10, 2, bottom);
		expect(top.lines.map(whole)).toEqual(['one', 'two']);
		// Without focus: the first lines.
		expect(areaWindow({text}, 10, 2).lines.map(whole)).toEqual(['one', 'two']);
	});

	it('wraps a long body into lines of the view, keeping its own line breaks', () => {
		expect(wrapLines('Please send prices for the whole range\nThanks', 12)).toEqual(['Please send', 'prices for', 'the whole', 'range', 'Thanks']);
		expect(wrapLines('王小明有限公司', 6)).toEqual(['王小明', '有限公', '司']);
	});
});

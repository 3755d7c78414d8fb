import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import textWidth, {narrowCharacters} from '../../source/text/text-width.js';

describe('textWidth', () => {
	it('agrees with string-width on every character it takes a short cut for', () => {
		const differing: string[] = [];
		for (let code = 0x20; code <= 0x25ff; code++) {
			const character = String.fromCodePoint(code);
			if (narrowCharacters.test(character) && stringWidth(character) !== 1) differing.push(code.toString(16));
		}
		expect(differing).toEqual([]);
	});

	it('agrees with string-width on whole lines: accents, CJK, emoji, combining marks, styles, controls', () => {
		const lines = [
			'', 'Anna Kowalski', 'Amélie Andersson  Umbrella GmbH   amelie.andersson1011@… +39 594 1001011  active',
			'王小明             上海贸易', '👩‍💻 Zoë with e\u0308 and ñ', 'Ελληνικά Кириллица ↑↓ █▁▂ ─│', '\u001B[7m› Anna\u001B[27m · \u001B[1mbold\u001B[22m',
			'\u001B[38;2;10;20;30m▀\u001B[0m', 'soft\u00ADhyphen', 'tab\there', 'Ѐ\u0483combining', '한국어 カタカナ', '⌚ ⏰ ☕',
		];
		for (const line of lines) expect({line, width: textWidth(line)}).toEqual({line, width: stringWidth(line)});
		// Remembered widths are the same the second time.
		for (const line of lines) expect(textWidth(line)).toBe(stringWidth(line));
	});
});

import {describe, expect, it} from 'vitest';
import * as edit from '../../source/components/text-editing.js';
import type {TextEdit} from '../../source/components/text-editing.js';

/** `text` with a `|` where the cursor is, as the tests write states. */
function at(marked: string): TextEdit {
	return {text: marked.replace('|', ''), cursor: marked.indexOf('|')};
}
const shown = (state: TextEdit) => `${state.text.slice(0, state.cursor)}|${state.text.slice(state.cursor)}`;

describe('text editing', () => {
	it('moves and deletes by whole characters: accents typed as two code points, CJK, emoji joined with ZWJ', () => {
		const family = '👩‍👩‍👧';
		expect(shown(edit.left(at(`a${family}|b`)))).toBe(`a|${family}b`);
		expect(shown(edit.right(at(`a|${family}b`)))).toBe(`a${family}|b`);
		expect(shown(edit.backspace(at(`a${family}|b`)))).toBe('a|b');
		expect(shown(edit.deleteForward(at(`a|${family}b`)))).toBe('a|b');
		expect(shown(edit.backspace(at('Zoe\u0308|')))).toBe('Zo|');
		expect(shown(edit.backspace(at('王小明|')))).toBe('王小|');
		expect(edit.cursorColumn(at(`王${family}|x`))).toBe(4);
	});

	it('takes a paste copied from a coloured terminal as its text: escape sequences go whole, other control characters go', () => {
		expect(edit.cleanTyped('ACME\u0007Bell\u001B[31mRed\u001B[0m', false)).toBe('ACMEBellRed');
		expect(edit.cleanTyped('\u001B]8;;https://acme.example\u0007Acme\u001B]8;;\u0007 Ltd', false)).toBe('Acme Ltd');
		expect(edit.cleanTyped('first\u001B[2J\r\nsecond\tline', true)).toBe('first\nsecond line');
		expect(edit.cleanTyped('first\u001B[2J\r\nsecond', false)).toBe('first second');
	});

	it('has the shell keys: Home/End (Ctrl-A/E), Ctrl-W, Ctrl-U, Ctrl-K, Alt-B, Alt-F, Alt-D, Alt-Backspace', () => {
		expect(shown(edit.home(at('Anna Ko|walski')))).toBe('|Anna Kowalski');
		expect(shown(edit.end(at('Anna Ko|walski')))).toBe('Anna Kowalski|');
		expect(shown(edit.deleteWordBefore(at('ana@kowalski.pl |')))).toBe('|');
		expect(shown(edit.deleteWordBefore(at('Anna Kowalski|')))).toBe('Anna |');
		expect(shown(edit.deleteWordPart(at('ana@kowalski.pl|')))).toBe('ana@kowalski.|');
		expect(shown(edit.killToStart(at('Anna Ko|walski')))).toBe('|walski');
		expect(shown(edit.killToEnd(at('Anna Ko|walski')))).toBe('Anna Ko|');
		expect(shown(edit.wordLeft(at('Anna Kowalski|')))).toBe('Anna |Kowalski');
		expect(shown(edit.wordLeft(at('Anna |Kowalski')))).toBe('|Anna Kowalski');
		expect(shown(edit.wordRight(at('|Anna Kowalski')))).toBe('Anna| Kowalski');
		expect(shown(edit.wordRight(at('Anna| Kowalski')))).toBe('Anna Kowalski|');
		expect(shown(edit.deleteWordAfter(at('Anna| Kowalski')))).toBe('Anna|');
		expect(shown(edit.wordLeft(at('Łódź Żółć|')))).toBe('Łódź |Żółć');
	});

	it('keeps line breaks only where the field has lines; a paste loses its control characters and escape sequences, not its text', () => {
		expect(shown(edit.insert(at('|'), 'line one\r\nline two', true))).toBe('line one\nline two|');
		expect(shown(edit.insert(at('|'), 'line one\r\nline two', false))).toBe('line one line two|');
		expect(shown(edit.insert(at('a|'), '\u001B[31mred\u001B[0m\tcell', false))).toBe('ared cell|');
	});

	it('moves between lines at the same column, and Ctrl-U/K work on the line', () => {
		const address = at('ul. Długa 5|\n31-147\nKraków, Polska');
		const down = edit.moveLine(address, 1)!;
		expect(shown(down)).toBe('ul. Długa 5\n31-147|\nKraków, Polska');
		// The column it aimed for is kept through a shorter line.
		expect(shown(edit.moveLine(down, 1)!)).toBe('ul. Długa 5\n31-147\nKraków, Pol|ska');
		expect(edit.moveLine(at('one|\ntwo'), -1)).toBeUndefined();
		expect(edit.moveLine(at('one\ntwo|'), 1)).toBeUndefined();
		expect(shown(edit.home(at('one\ntw|o')))).toBe('one\n|two');
		expect(shown(edit.killToStart(at('one\ntw|o')))).toBe('one\n|o');
		// Ctrl-K at the end of a line joins the next one.
		expect(shown(edit.killToEnd(at('one|\ntwo')))).toBe('one|two');
		expect(shown(edit.backspace(at('one\n|two')))).toBe('one|two');
		expect(edit.lineOf(at('a\nb|\nc'))).toEqual({line: 1, lines: 3});
	});

	it('goes up by columns, not characters, over wide characters', () => {
		expect(shown(edit.moveLine(at('王小明\nabcd|ef'), -1)!)).toBe('王小|明\nabcdef');
	});
});

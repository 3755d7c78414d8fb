import {describe, expect, it} from 'vitest';
import {describeCharacter, firstUnsafeCharacter, visible} from '../../source/text/visible.js';

describe('visible text', () => {
	it('shows escape sequences, bells and C1 controls as glyphs instead of sending them', () => {
		const name = 'Evil \u001b[2J\u001b]52;c;aGk=\u0007 \u009b31m';
		const shown = visible(name);
		expect(shown).toBe('Evil ␛[2J␛]52;c;aGk=␇ <U+009B>31m');
		expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it('shows bidi overrides, which can make a name read backwards', () => {
		expect(visible('abc\u202Egpj.exe')).toBe('abc<U+202E>gpj.exe');
	});

	it('keeps line breaks and tabs only where asked, and leaves other Unicode alone', () => {
		expect(visible('Main St 1\nBerlin\tDE')).toBe('Main St 1␊Berlin␉DE');
		expect(visible('Main St 1\nBerlin\tDE', '\n\t')).toBe('Main St 1\nBerlin\tDE');
		expect(visible('Zoë 王 👩‍💻')).toBe('Zoë 王 👩‍💻');
	});

	it('finds the first character a one-line field refuses, and names it', () => {
		expect(firstUnsafeCharacter('Ada')).toBeUndefined();
		expect(firstUnsafeCharacter('A\u0000da')).toBe('\u0000');
		expect(firstUnsafeCharacter('a\nb', '\n')).toBeUndefined();
		expect(describeCharacter('\u001b')).toBe('ESC (U+001B)');
		expect(describeCharacter('\u0085')).toBe('the control character U+0085');
	});
});

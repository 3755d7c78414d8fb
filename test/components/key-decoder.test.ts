import {describe, expect, it} from 'vitest';
import {KeyDecoder, sequenceName, type KeyPress} from '../../source/keys/key-decoder.js';

/** Decodes pieces as Ink's input parser cuts them: escape sequences alone, runs of text whole. */
function keys(...pieces: string[]): string[] {
	const decoder = new KeyDecoder();
	return pieces.flatMap(piece => decoder.decode(piece)).map(label);
}
const label = (key: KeyPress): string => (key.split ? `${key.name}|${key.split.map(label).join(',')}` : key.name === 'paste' ? `paste:${JSON.stringify(key.text)}` : key.name);

describe('key decoder', () => {
	it('turns a run of typed text into one key per character, in order', () => {
		expect(keys('/ahmed')).toEqual(['/', 'a', 'h', 'm', 'e', 'd']);
		expect(keys('dy', 'sss')).toEqual(['d', 'y', 's', 's', 's']);
		expect(keys('王👩‍💻é ')).toEqual(['王', '👩‍💻', 'é', 'space']);
	});

	it('names control keys in a run: Tab, Backspace (DEL or Ctrl-H), Enter (CR or LF), Ctrl chords', () => {
		expect(keys('\t\t')).toEqual(['tab', 'tab']);
		expect(keys('\u007F\u007F\u007F')).toEqual(['backspace', 'backspace', 'backspace']);
		expect(keys('ab\r\n\b\u0013\u0017\u0003')).toEqual(['a', 'b', 'enter', 'enter', 'backspace', 'ctrl+s', 'ctrl+w', 'ctrl+c']);
	});

	it('names the sequences of xterm, tmux, rxvt and the Linux console', () => {
		const named = ['\u001B[A', '\u001BOB', '\u001B[5~', '\u001B[6~', '\u001B[H', '\u001B[1~', '\u001B[4~', '\u001B[F', '\u001B[3~', '\u001B[Z', '\u001BOP', '\u001B[[A', '\u001B[1;5C', '\u001B[1;3D', '\u001B[3;5~']
			.map(sequence => sequenceName(sequence));
		expect(named).toEqual(['up', 'down', 'pgup', 'pgdn', 'home', 'home', 'end', 'end', 'delete', 'shift+tab', 'f1', 'f1', 'ctrl+right', 'alt+left', 'ctrl+delete']);
		// Focus reports and unknown sequences type nothing.
		expect(keys('\u001B[I', '\u001B[99x')).toEqual([]);
	});

	it('reads ESC and a character as Alt+character, or Esc and the character, whichever is bound when it is handled', () => {
		expect(keys('\u001Bb')).toEqual(['alt+b|esc,b']);
		expect(keys('\u001B\u007F')).toEqual(['alt+backspace|esc,backspace']);
		expect(keys('\u001B')).toEqual(['esc']);
		expect(keys('\u001B\u001B')).toEqual(['esc', 'esc']);
		expect(keys('\u001B\u001B[A')).toEqual(['alt+up|esc,up']);
	});

	it('takes a bracketed paste as one key holding its text, however the terminal splits it', () => {
		expect(keys('\u001B[200~', 'line one\r\nline', ' two\r', '\u001B[201~', 'j')).toEqual(['paste:"line one\\nline two\\n"', 'j']);
		// Commands inside a paste are text.
		expect(keys('\u001B[200~', 'q', '\u001B[A', 'dy', '\u001B[201~')).toEqual(['paste:"q\\u001b[Ady"']);
	});
});

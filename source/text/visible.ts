/**
 * Text from the database is shown to an operator's terminal, and anyone who can put a name
 * into the CRM (an import, a web form upstream) could otherwise clear their screen, retitle
 * the terminal or set their clipboard (OSC 52) with escape sequences. Every plain-text output
 * passes what it prints through `visible`, which shows such characters as harmless glyphs.
 */

/** C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates. */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function glyph(character: string, keep: string): string {
	if (keep.includes(character)) return character;
	const code = character.codePointAt(0)!;
	if (code === 0x1b) return '␛';
	// Control Pictures: U+2400 + code for C0, ␡ for DEL.
	if (code < 0x20) return String.fromCodePoint(0x2400 + code);
	if (code === 0x7f) return '␡';
	return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * The text with every control, C1 and bidi-override character shown visibly (`␛[2J`,
 * `␇`, `<U+202E>`). `keep` lists the ones a multi-line field may really hold: pass
 * `'\n\t'` for notes or an address shown over several lines.
 */
export function visible(text: string, keep = ''): string {
	unsafe.lastIndex = 0;
	return unsafe.test(text) ? text.replace(unsafe, character => glyph(character, keep)) : text;
}

/** The first character a one-line field must not hold, or undefined when it holds none. */
export function firstUnsafeCharacter(text: string, allowed = ''): string | undefined {
	// Every field of every imported row comes here, and almost none holds such a character.
	unsafe.lastIndex = 0;
	const any = unsafe.test(text);
	// matchAll starts where the test left off.
	unsafe.lastIndex = 0;
	if (!any) return undefined;
	for (const match of text.matchAll(unsafe)) if (!allowed.includes(match[0])) return match[0];
	return undefined;
}

/** How a refused character is named in a message: `ESC (U+001B)`. */
export function describeCharacter(character: string): string {
	const code = character.codePointAt(0)!;
	const names: Record<number, string> = {0: 'NUL', 7: 'BEL', 8: 'BS', 9: 'TAB', 10: 'LF', 13: 'CR', 0x1b: 'ESC', 0x7f: 'DEL'};
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	if (names[code]) return `${names[code]} (${hex})`;
	if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `the bidi control ${hex}`;
	return `the control character ${hex}`;
}

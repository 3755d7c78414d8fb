/**
 * Terminal input as keys, one key per press, however the presses arrived.
 *
 * Ink's input parser cuts what the terminal sends into pieces: each escape sequence
 * (`ESC [ A`) on its own, but a run of plain bytes as one piece, so `/ahmed` typed in one
 * burst, three Backspaces or `Tab Tab` arrive as a single string. This decoder takes
 * those pieces and gives back the keys, in order: every character, every control key,
 * every named sequence, and a bracketed paste as one `paste` key holding its text.
 */

/** A key as the key registry names it, with the text it types, if it types any. */
export type KeyPress = {
	/** `a`, `G`, `?`, `space`, `enter`, `tab`, `shift+tab`, `ctrl+s`, `alt+b`, `pgdn`, `f1`, `paste`. */
	name: string;
	/** What the key puts into a text field: the character, or the pasted text. */
	text?: string;
	/**
	 * ESC and a character in one read are Alt+character, or Esc and then the character typed
	 * fast. The registry takes the Alt chord when something binds it; otherwise these keys,
	 * one after the other.
	 */
	split?: readonly KeyPress[];
};

const escape = '\u001B';
const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';
const segmenter = new Intl.Segmenter();

const controlNames: Record<number, string> = {
	0x00: 'ctrl+space',
	0x08: 'backspace',
	0x09: 'tab',
	0x0a: 'enter',
	0x0d: 'enter',
	0x1b: 'esc',
	0x1c: 'ctrl+\\',
	0x1d: 'ctrl+]',
	0x1e: 'ctrl+^',
	0x1f: 'ctrl+_',
	0x7f: 'backspace',
};

function controlKey(code: number): KeyPress {
	const name = controlNames[code] ?? `ctrl+${String.fromCharCode(code + 96)}`;
	return {name};
}

/** A printable character (one grapheme: `é`, `王`, `👩‍💻`) as a key. */
export function characterKey(grapheme: string): KeyPress {
	return {name: grapheme === ' ' ? 'space' : grapheme, text: grapheme};
}

const plainControl = /[\u0000-\u001f\u007f-\u009f]/;

/** Keys of a run of plain bytes: each control character and each grapheme, in order. */
function plainKeys(run: string): KeyPress[] {
	const keys: KeyPress[] = [];
	let text = '';
	const flush = () => {
		for (const {segment} of segmenter.segment(text)) keys.push(characterKey(segment));
		text = '';
	};
	for (const character of run) {
		if (!plainControl.test(character)) {
			text += character;
			continue;
		}
		flush();
		const code = character.codePointAt(0)!;
		// C1 controls never come from a key; dropping them keeps them out of every field.
		if (code < 0x80) keys.push(controlKey(code));
	}
	flush();
	return keys;
}

const tildeKeys: Record<number, string> = {
	1: 'home', 2: 'insert', 3: 'delete', 4: 'end', 5: 'pgup', 6: 'pgdn', 7: 'home', 8: 'end',
	11: 'f1', 12: 'f2', 13: 'f3', 14: 'f4', 15: 'f5', 17: 'f6', 18: 'f7', 19: 'f8', 20: 'f9', 21: 'f10', 23: 'f11', 24: 'f12',
};
const letterKeys: Record<string, string> = {
	A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', E: 'clear',
	P: 'f1', Q: 'f2', R: 'f3', S: 'f4', M: 'enter',
};

/** `ctrl+`, `alt+`, `shift+` from an xterm modifier parameter (1 + shift + 2 alt + 4 ctrl). */
function withModifiers(name: string, parameter: number | undefined): string {
	if (!parameter || parameter <= 1) return name;
	const bits = parameter - 1;
	return `${bits & 4 ? 'ctrl+' : ''}${bits & 2 ? 'alt+' : ''}${bits & 1 ? 'shift+' : ''}${name}`;
}

/** The name of a complete CSI or SS3 sequence (`ESC [ 5 ~`, `ESC O P`), or undefined for one no key sends. */
export function sequenceName(sequence: string): string | undefined {
	const linuxFunction = /^\u001B\[\[([A-E])$/.exec(sequence);
	if (linuxFunction) return `f${'ABCDE'.indexOf(linuxFunction[1]!) + 1}`;
	const ss3 = /^\u001BO([A-Za-z])$/.exec(sequence);
	if (ss3) return letterKeys[ss3[1]!];
	const csi = /^\u001B\[([\d;]*)([~A-Za-z])$/.exec(sequence);
	if (!csi) return undefined;
	const parameters = csi[1] ? csi[1].split(';').map(Number) : [];
	const final = csi[2]!;
	if (final === 'Z') return 'shift+tab';
	if (final === '~') {
		const key = tildeKeys[parameters[0] ?? 0];
		return key && withModifiers(key, parameters[1]);
	}
	const key = letterKeys[final];
	return key && withModifiers(key, parameters[1]);
}

/** Alt plus a key: taken as the chord when bound, else as Esc and then the key. */
function altOf(key: KeyPress): KeyPress {
	const escapeKey: KeyPress = {name: 'esc'};
	if (key.name === 'esc') return {name: 'esc', split: [escapeKey, key]};
	return {name: `alt+${key.name}`, split: [escapeKey, key]};
}

/**
 * Turns the pieces Ink's input parser emits into keys. Holds the state of a bracketed
 * paste, which may span many pieces: its text is kept until the paste ends.
 */
export class KeyDecoder {
	private pasted: string[] | undefined;

	decode(piece: string): KeyPress[] {
		if (this.pasted) return this.continuePaste(piece);
		if (!piece.startsWith(escape)) return plainKeys(piece);
		if (piece === pasteStart) {
			this.pasted = [];
			return [];
		}
		if (piece === escape) return [{name: 'esc'}];
		if (piece.startsWith(escape + escape)) {
			// ESC ESC [ A: Alt+Up from terminals that prefix Alt with ESC, or Esc then Up.
			const rest = this.decode(piece.slice(1));
			const [first, ...others] = rest;
			if (!first) return [{name: 'esc'}];
			if (this.pasted || first.name === 'esc') return [{name: 'esc'}, ...rest];
			return [altOf(first), ...others];
		}
		const named = sequenceName(piece);
		if (named) return [{name: named}];
		if (piece.length >= 2 && piece[1] !== '[' && piece[1] !== 'O') {
			// ESC and one character, as Ink's parser cuts it.
			const [key, ...others] = plainKeys(piece.slice(1));
			if (!key) return [{name: 'esc'}];
			return [altOf(key), ...others];
		}
		// A sequence no key sends (focus reports, mouse, unknown function keys): nothing typed.
		return [];
	}

	private continuePaste(piece: string): KeyPress[] {
		const end = piece.indexOf(pasteEnd);
		if (end < 0) {
			this.pasted!.push(piece);
			return [];
		}
		this.pasted!.push(piece.slice(0, end));
		const text = this.pasted!.join('').replace(/\r\n?/g, '\n');
		this.pasted = undefined;
		const after = piece.slice(end + pasteEnd.length);
		return [{name: 'paste', text}, ...(after ? this.decode(after) : [])];
	}
}

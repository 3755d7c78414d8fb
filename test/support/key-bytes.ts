/** Terminal bytes for the key names bindings use (as xterm and tmux send them); anything else is typed as is. */
const sequences: Record<string, string> = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pgup: '\u001B[5~',
	pgdn: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	'shift+tab': '\u001B[Z',
	backspace: '\u007F',
	delete: '\u001B[3~',
	f1: '\u001BOP',
	'ctrl+left': '\u001B[1;5D',
	'ctrl+right': '\u001B[1;5C',
	'ctrl+home': '\u001B[1;5H',
	'ctrl+end': '\u001B[1;5F',
	space: ' ',
};

/** What a terminal sends for a key named as bindings name it (`ctrl+s`, `alt+b`, `pgdn`); other text as is. */
export function bytesOf(key: string): string {
	if (sequences[key]) return sequences[key];
	const chord = /^ctrl\+([a-z])$/.exec(key);
	if (chord) return String.fromCharCode(chord[1]!.charCodeAt(0) - 96);
	const alt = /^alt\+(.+)$/.exec(key);
	if (alt) return `\u001B${bytesOf(alt[1]!)}`;
	return key;
}

/** A bracketed paste of `text`, as a terminal sends it when the application asked for them. */
export function pasteBytes(text: string): string {
	return `\u001B[200~${text}\u001B[201~`;
}


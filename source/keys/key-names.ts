/**
 * Key names are what bindings list and what the key decoder (key-decoder.ts) produces:
 * `j`, `G`, `?`, `space`, `down`, `pgdn`, `enter`, `esc`, `tab`, `shift+tab`, `ctrl+s`,
 * `alt+b`, `ctrl+left`, `f1`. The footer, the help overlay and README write them as labels.
 */
const shown: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pgup: 'PgUp',
	pgdn: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	esc: 'Esc',
	tab: 'Tab',
	backspace: 'Backspace',
	delete: 'Del',
	insert: 'Ins',
	space: 'Space',
};

const modifiers: Record<string, string> = {ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift'};

/** How a key is written on screen: `Ctrl-S`, `Alt-B`, `Shift-Tab`, `PgDn`, `↓`, `F1`, `j`. */
export function keyLabel(name: string): string {
	if (shown[name]) return shown[name];
	const chord = /^(ctrl|alt|shift)\+(.+)$/.exec(name);
	if (chord) {
		const rest = chord[2]!;
		const key = rest.length === 1 ? rest.toUpperCase() : keyLabel(rest);
		return `${modifiers[chord[1]!]}-${key}`;
	}
	if (/^f\d+$/.test(name)) return name.toUpperCase();
	return name;
}

import type {Key} from 'ink';

/**
 * One name per key, as bindings spell it: `j`, `G`, `?`, `down`, `pgdn`, `enter`, `esc`,
 * `tab`, `shift+tab`, `ctrl+s`. Bindings, the footer and the help overlay all use these
 * names, so what is shown is exactly what is matched.
 */
export function keyNameOf(input: string, key: Key): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pgup';
	if (key.pageDown) return 'pgdn';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.escape) return 'esc';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (key.meta && input.length === 1) return `alt+${input}`;
	return input;
}

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
	'shift+tab': 'Shift-Tab',
	backspace: 'Backspace',
	delete: 'Del',
};

/** How a key is written on screen: `Ctrl-S`, `PgDn`, `↓`, `j`. */
export function keyLabel(name: string): string {
	if (shown[name]) return shown[name];
	const chord = /^(ctrl|alt)\+(.)$/.exec(name);
	if (chord) return `${chord[1] === 'ctrl' ? 'Ctrl' : 'Alt'}-${chord[2]!.toUpperCase()}`;
	return name;
}

import {pressableKeys} from './pressable-keys.js';

/**
 * Key names a `key` step may use: nut-js's `Key` enum, spelled out here so that checking a
 * robot file never loads nut-js (it needs a display and can kill the process that loads it).
 * test/robot/keys.test.ts keeps this list equal to the enum.
 */
export const nutKeyNames = [
	'Escape', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'F13', 'F14', 'F15', 'F16',
	'F17', 'F18', 'F19', 'F20', 'F21', 'F22', 'F23', 'F24', 'Print', 'ScrollLock', 'Pause', 'Grave', 'Num1', 'Num2',
	'Num3', 'Num4', 'Num5', 'Num6', 'Num7', 'Num8', 'Num9', 'Num0', 'Minus', 'Equal', 'Backspace', 'Insert', 'Home',
	'PageUp', 'NumLock', 'NumPadEqual', 'Divide', 'Multiply', 'Subtract', 'Tab', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I',
	'O', 'P', 'LeftBracket', 'RightBracket', 'Backslash', 'Delete', 'End', 'PageDown', 'NumPad7', 'NumPad8', 'NumPad9',
	'Add', 'CapsLock', 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'Semicolon', 'Quote', 'Return', 'NumPad4', 'NumPad5',
	'NumPad6', 'LeftShift', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', 'Comma', 'Period', 'Slash', 'RightShift', 'Up', 'NumPad1',
	'NumPad2', 'NumPad3', 'Enter', 'LeftControl', 'LeftSuper', 'LeftWin', 'LeftCmd', 'LeftAlt', 'LeftMeta',
	'RightControl', 'RightSuper', 'RightWin', 'RightAlt', 'RightCmd', 'RightMeta', 'Space', 'Menu', 'Fn', 'Left', 'Down',
	'Right', 'NumPad0', 'Decimal', 'Clear', 'AudioMute', 'AudioVolDown', 'AudioVolUp', 'AudioPlay', 'AudioStop',
	'AudioPause', 'AudioPrev', 'AudioNext', 'AudioRewind', 'AudioForward', 'AudioRepeat', 'AudioRandom',
] as const;
export type NutKeyName = (typeof nutKeyNames)[number];

/**
 * Names operators write that are not enum members. `Enter` maps to `Return`: the enum's
 * `Enter` is the keypad's, which many applications ignore (docs/DESIGN.md "Measured");
 * `KeypadEnter` still reaches it.
 */
const aliases: Record<string, NutKeyName> = {
	control: 'LeftControl', ctrl: 'LeftControl', alt: 'LeftAlt', shift: 'LeftShift', super: 'LeftSuper',
	win: 'LeftSuper', meta: 'LeftMeta', cmd: 'LeftCmd', enter: 'Return', keypadenter: 'Enter', esc: 'Escape',
	del: 'Delete', pgup: 'PageUp', pgdn: 'PageDown', space: 'Space',
};

const pressable = new Set<string>(pressableKeys);

const byLowerName = new Map<string, NutKeyName>(nutKeyNames.map(name => [name.toLowerCase(), name]));

/** One key name (any case; a single letter or digit also works) to its enum name. */
export function keyByName(name: string): NutKeyName | undefined {
	const lower = name.trim().toLowerCase();
	if (/^[0-9]$/.test(lower)) return `Num${lower}` as NutKeyName;
	return aliases[lower] ?? byLowerName.get(lower);
}

export type ParsedCombo = {keys: NutKeyName[]} | {error: string};

/** `Control+Shift+S` to the keys pressed together, in order. */
export function parseCombo(combo: string): ParsedCombo {
	const names = combo.split('+').map(name => name.trim());
	if (names.some(name => name === '')) return {error: `"${combo}" is not a key combination (write keys joined by +, e.g. Control+S)`};
	const keys: NutKeyName[] = [];
	for (const name of names) {
		const key = keyByName(name);
		if (!key) return {error: `unknown key "${name}" in "${combo}" (key names are nut-js Key names such as Tab, Return, A, F5, plus Control, Alt, Shift, Super)`};
		if (!pressable.has(key)) return {error: `the key "${name}" in "${combo}" cannot be pressed on an X11 desktop (it never reaches X); the keys that can: ${[...pressable].join(', ')}`};
		keys.push(key);
	}
	return {keys};
}

import type {NutKeyName} from './keys.js';

/**
 * The X11 keysym each key name presses (X11 keysymdef.h, XF86keysym.h). `Fn` has none: the
 * Fn key never reaches X, the keyboard itself handles it. Cmd and Win are Super, as on a
 * Linux desktop. Which of these the driver can really press is decided by a probe
 * (scripts/probe-keys.ts writes pressable-keys.ts).
 */
export const keySymbols: Partial<Record<NutKeyName, number>> = {
	Escape: 0xff1b, Print: 0xff61, ScrollLock: 0xff14, Pause: 0xff13, Grave: 0x60, Minus: 0x2d, Equal: 0x3d,
	Backspace: 0xff08, Insert: 0xff63, Home: 0xff50, PageUp: 0xff55, NumLock: 0xff7f, NumPadEqual: 0xffbd,
	Divide: 0xffaf, Multiply: 0xffaa, Subtract: 0xffad, Tab: 0xff09, LeftBracket: 0x5b, RightBracket: 0x5d,
	Backslash: 0x5c, Delete: 0xffff, End: 0xff57, PageDown: 0xff56, Add: 0xffab, CapsLock: 0xffe5, Semicolon: 0x3b,
	Quote: 0x27, Return: 0xff0d, LeftShift: 0xffe1, Comma: 0x2c, Period: 0x2e, Slash: 0x2f, RightShift: 0xffe2,
	Up: 0xff52, Enter: 0xff8d, LeftControl: 0xffe3, LeftSuper: 0xffeb, LeftWin: 0xffeb, LeftCmd: 0xffeb,
	LeftAlt: 0xffe9, LeftMeta: 0xffe7, RightControl: 0xffe4, RightSuper: 0xffec, RightWin: 0xffec, RightAlt: 0xffea,
	RightCmd: 0xffec, RightMeta: 0xffe8, Space: 0x20, Menu: 0xff67, Left: 0xff51, Down: 0xff54, Right: 0xff53,
	Decimal: 0xffae, Clear: 0xff0b,
	AudioMute: 0x1008ff12, AudioVolDown: 0x1008ff11, AudioVolUp: 0x1008ff13, AudioPlay: 0x1008ff14,
	AudioStop: 0x1008ff15, AudioPause: 0x1008ff31, AudioPrev: 0x1008ff16, AudioNext: 0x1008ff17,
	AudioRewind: 0x1008ff3e, AudioForward: 0x1008ff97, AudioRepeat: 0x1008ff98, AudioRandom: 0x1008ff99,
};

for (let number = 1; number <= 24; number++) keySymbols[`F${number}` as NutKeyName] = 0xffbe + number - 1;
for (let digit = 0; digit <= 9; digit++) {
	keySymbols[`Num${digit}` as NutKeyName] = 0x30 + digit;
	keySymbols[`NumPad${digit}` as NutKeyName] = 0xffb0 + digit;
}
for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') keySymbols[letter as NutKeyName] = letter.toLowerCase().charCodeAt(0);

import type {XConnection} from './connection.js';

/** Where a keysym sits on the keyboard: its keycode and whether Shift reaches it. */
type KeyPlace = {keycode: number; shift: boolean};

const keyPress = 2;
const keyRelease = 3;

export const keysyms = {Shift_L: 0xffe1, Control_L: 0xffe3, Return: 0xff0d, Tab: 0xff09, BackSpace: 0xff08} as const;

/** The keysym that types a character (X11 keysymdef.h: Latin-1 as is, anything else as 0x01000000 + its code point). */
export function keysymOf(character: string): number {
	const code = character.codePointAt(0)!;
	if (character === '\n' || character === '\r') return keysyms.Return;
	if (character === '\t') return keysyms.Tab;
	if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
	return 0x0100_0000 + code;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Key presses through the XTEST extension on our own connection. Characters on the keyboard
 * map go as they are (with Shift when needed); any other character is put on a spare keycode
 * for the moment it is typed, as xdotool does, but a batch at a time with one mapping change,
 * because every change makes each client fetch the map again and racing that drops characters.
 */
export class Keyboard {
	private places = new Map<number, KeyPlace>();
	private spare: number[] = [];
	private perKeycode = 2;

	private constructor(private readonly x: XConnection) {}

	static async open(x: XConnection): Promise<Keyboard> {
		const keyboard = new Keyboard(x);
		await x.xtestExtension();
		await keyboard.loadMap();
		return keyboard;
	}

	private async loadMap(): Promise<void> {
		const {minKeycode, maxKeycode} = this.x;
		const rows = await this.x.call<number[][]>(callback => this.x.client.GetKeyboardMapping(minKeycode, maxKeycode - minKeycode + 1, callback));
		this.places = new Map();
		this.spare = [];
		this.perKeycode = rows[0]?.length ?? 2;
		rows.forEach((row, index) => {
			const keycode = minKeycode + index;
			if (row.every(sym => sym === 0)) this.spare.push(keycode);
			for (const [level, sym] of row.slice(0, 2).entries()) {
				if (sym !== 0 && !this.places.has(sym)) this.places.set(sym, {keycode, shift: level === 1});
			}
		});
	}

	/** Whether a keysym can be pressed: on the map, or a spare keycode can carry it. */
	canPress(sym: number): boolean {
		return this.places.has(sym) || this.spare.length > 0;
	}

	/** Presses keysyms together (a combination) and releases them in reverse order. */
	async pressCombo(syms: readonly number[], signal?: AbortSignal): Promise<void> {
		const placed = await this.placeAll(syms);
		try {
			const xtest = await this.x.xtestExtension();
			const codes = syms.map(sym => placed.get(sym)!.keycode);
			for (const code of codes) xtest.FakeInput(keyPress, code, 0, 0, 0, 0);
			for (const code of [...codes].reverse()) xtest.FakeInput(keyRelease, code, 0, 0, 0, 0);
			await this.x.sync();
			if (signal?.aborted) throw new Error('aborted');
		} finally {
			await this.unplace(placed);
		}
	}

	/** Types text key by key, exactly: letters, symbols, line breaks, any Unicode. */
	async type(text: string, options: {delayMs?: number; signal?: AbortSignal} = {}): Promise<void> {
		const characters = [...text];
		const xtest = await this.x.xtestExtension();
		const shiftCode = this.places.get(keysyms.Shift_L)?.keycode;
		let index = 0;
		while (index < characters.length) {
			if (options.signal?.aborted) throw new Error('aborted');
			// The longest run whose characters not on the map fit on the spare keycodes.
			const missing = new Set<number>();
			let end = index;
			for (; end < characters.length; end++) {
				const sym = keysymOf(characters[end]!);
				if (this.places.has(sym) || missing.has(sym)) continue;
				if (missing.size >= this.spare.length) break;
				missing.add(sym);
			}
			if (end === index) throw new Error('no spare keycode to type a character that is not on the keyboard map');
			const placed = await this.placeAll([...missing]);
			try {
				for (let at = index; at < end; at++) {
					const sym = keysymOf(characters[at]!);
					const place = placed.get(sym) ?? this.places.get(sym)!;
					const shifted = place.shift && shiftCode !== undefined;
					if (shifted) xtest.FakeInput(keyPress, shiftCode, 0, 0, 0, 0);
					xtest.FakeInput(keyPress, place.keycode, 0, 0, 0, 0);
					xtest.FakeInput(keyRelease, place.keycode, 0, 0, 0, 0);
					if (shifted) xtest.FakeInput(keyRelease, shiftCode, 0, 0, 0, 0);
					if (options.delayMs) {
						await this.x.sync();
						await sleep(options.delayMs);
					}
					if (options.signal?.aborted) throw new Error('aborted');
				}
				await this.x.sync();
			} finally {
				// Clients read the changed map when they reach its notice in their queue: give them
				// time to read the keys typed with it before the map changes back.
				if (missing.size > 0) await sleep(60);
				await this.unplace(placed);
			}
			index = end;
		}
	}

	/** Keysyms that are on the map where they are; the rest put on spare keycodes, at level 0 (no Shift). */
	private async placeAll(syms: readonly number[]): Promise<Map<number, KeyPlace & {temporary?: boolean}>> {
		const placed = new Map<number, KeyPlace & {temporary?: boolean}>();
		const missing = [...new Set(syms)].filter(sym => !this.places.has(sym));
		for (const sym of syms) {
			const place = this.places.get(sym);
			if (place) placed.set(sym, place);
		}
		if (missing.length > this.spare.length) throw new Error(`the keyboard map has no room for ${missing.length} more keys`);
		for (const [index, sym] of missing.entries()) {
			const keycode = this.spare[index]!;
			this.x.client.ChangeKeyboardMapping(keycode, this.perKeycode, [sym, sym, ...Array.from({length: this.perKeycode - 2}, () => 0)]);
			placed.set(sym, {keycode, shift: false, temporary: true});
		}
		if (missing.length > 0) {
			await this.x.sync();
			// Let clients take in the new map before the first key that needs it.
			await sleep(20);
		}
		return placed;
	}

	private async unplace(placed: Map<number, KeyPlace & {temporary?: boolean}>): Promise<void> {
		const temporary = [...placed.values()].filter(place => place.temporary);
		for (const place of temporary) this.x.client.ChangeKeyboardMapping(place.keycode, this.perKeycode, Array.from({length: this.perKeycode}, () => 0));
		if (temporary.length > 0) await this.x.sync().catch(() => {});
	}
}

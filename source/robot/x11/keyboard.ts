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
 * map go as they are (with Shift when needed); any other character is put on a spare keycode,
 * as xdotool does, but it stays there: a client reads the changed map only when it gets to a
 * key that needs it (Xlib fetches the map lazily), so changing the map back soon after typing
 * made a busy client (xterm under load) read the emptied keycode and drop the character. A
 * spare keycode is given to another character only when all are in use, the one used longest
 * ago, and not before `reuseAfterMs` has passed since its last key.
 */
export class Keyboard {
	private places = new Map<number, KeyPlace>();
	private spare: number[] = [];
	private perKeycode = 2;
	/** Characters on spare keycodes: keysym → keycode, and when each keycode was last pressed. */
	private readonly borrowed = new Map<number, number>();
	private readonly lastUsed = new Map<number, number>();

	private constructor(private readonly x: XConnection, private readonly reuseAfterMs = 1000) {}

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
		const xtest = await this.x.xtestExtension();
		const codes = syms.map(sym => placed.get(sym)!.keycode);
		for (const code of codes) xtest.FakeInput(keyPress, code, 0, 0, 0, 0);
		for (const code of [...codes].reverse()) xtest.FakeInput(keyRelease, code, 0, 0, 0, 0);
		this.touch(codes);
		await this.x.sync();
		if (signal?.aborted) throw new Error('aborted');
	}

	/** Types text key by key, exactly: letters, symbols, line breaks, any Unicode. */
	async type(text: string, options: {delayMs?: number; signal?: AbortSignal} = {}): Promise<void> {
		const characters = [...text];
		const xtest = await this.x.xtestExtension();
		const shiftCode = this.places.get(keysyms.Shift_L)?.keycode;
		let index = 0;
		while (index < characters.length) {
			if (options.signal?.aborted) throw new Error('aborted');
			// The longest run whose characters not on the map fit on the spare keycodes together.
			const needed = new Set<number>();
			let end = index;
			for (; end < characters.length; end++) {
				const sym = keysymOf(characters[end]!);
				if (this.places.has(sym) || needed.has(sym)) continue;
				if (needed.size >= this.spare.length) break;
				needed.add(sym);
			}
			if (end === index) throw new Error('no spare keycode to type a character that is not on the keyboard map');
			const placed = await this.placeAll([...needed]);
			for (let at = index; at < end; at++) {
				const sym = keysymOf(characters[at]!);
				const place = placed.get(sym) ?? this.places.get(sym)!;
				const shifted = place.shift && shiftCode !== undefined;
				if (shifted) xtest.FakeInput(keyPress, shiftCode, 0, 0, 0, 0);
				xtest.FakeInput(keyPress, place.keycode, 0, 0, 0, 0);
				xtest.FakeInput(keyRelease, place.keycode, 0, 0, 0, 0);
				if (shifted) xtest.FakeInput(keyRelease, shiftCode, 0, 0, 0, 0);
				this.touch([place.keycode]);
				if (options.delayMs) {
					await this.x.sync();
					await sleep(options.delayMs);
				}
				if (options.signal?.aborted) throw new Error('aborted');
			}
			await this.x.sync();
			index = end;
		}
	}

	private touch(keycodes: readonly number[]): void {
		const now = Date.now();
		for (const keycode of keycodes) if (this.lastUsed.has(keycode)) this.lastUsed.set(keycode, now);
	}

	/** Where each keysym is pressed: on the map, already on a spare keycode, or put on one now. */
	private async placeAll(syms: readonly number[]): Promise<Map<number, KeyPlace>> {
		const placed = new Map<number, KeyPlace>();
		const missing: number[] = [];
		for (const sym of new Set(syms)) {
			const place = this.places.get(sym);
			const keycode = this.borrowed.get(sym);
			if (place) placed.set(sym, place);
			else if (keycode !== undefined) placed.set(sym, {keycode, shift: false});
			else missing.push(sym);
		}
		if (missing.length === 0) return placed;
		if (missing.length > this.spare.length) throw new Error(`the keyboard map has no room for ${missing.length} more keys`);
		const keep = new Set([...placed.values()].map(place => place.keycode));
		// Free keycodes first, then those used longest ago; never one this call needs.
		const candidates = this.spare.filter(keycode => !keep.has(keycode))
			.sort((a, b) => (this.lastUsed.get(a) ?? -Infinity) - (this.lastUsed.get(b) ?? -Infinity));
		const chosen = candidates.slice(0, missing.length);
		const latest = Math.max(...chosen.map(keycode => this.lastUsed.get(keycode) ?? -Infinity));
		// A keycode typed with moments ago may still be waiting in a busy client's queue.
		if (Number.isFinite(latest)) await sleep(Math.max(0, latest + this.reuseAfterMs - Date.now()));
		for (const [index, sym] of missing.entries()) {
			const keycode = chosen[index]!;
			for (const [borrowedSym, borrowedCode] of this.borrowed) if (borrowedCode === keycode) this.borrowed.delete(borrowedSym);
			this.x.client.ChangeKeyboardMapping(keycode, this.perKeycode, [sym, sym, ...Array.from({length: this.perKeycode - 2}, () => 0)]);
			this.borrowed.set(sym, keycode);
			this.lastUsed.set(keycode, Date.now());
			placed.set(sym, {keycode, shift: false});
		}
		await this.x.sync();
		// Let clients take in the new map before the first key that needs it.
		await sleep(20);
		return placed;
	}
}

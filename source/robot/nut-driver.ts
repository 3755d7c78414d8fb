// Loaded only in the desktop child (worker-process.ts): nut-js kills the process that loads it
// when the display is missing, so no other process imports this file. nut-js moves the pointer
// and grabs the screen; windows, the clipboard and the keyboard go through a pure-JavaScript
// X client (./x11/), where an X error is an exception instead of the end of the process.
import {PNG} from 'pngjs';
import type {DesktopAction, Place} from './driver.js';
import type {LookAnswer, ScreenLook} from './looks.js';
import {nccImageFinder} from './vision/nut-image-finder.js';
import {ScreenLooks} from './vision/screen-looks.js';
import {keySymbols} from './key-symbols.js';
import type {NutKeyName} from './keys.js';
import {saveScreenshot} from './screenshots.js';
import {textRouteFor, typesAsKeys} from './window-classes.js';
import {Clipboard, textContent} from './x11/clipboard.js';
import {XConnection} from './x11/connection.js';
import {Keyboard, keysyms} from './x11/keyboard.js';
import {probeKeys} from './x11/key-probe.js';
import {activateWindow, closeWindow, findWindow, focusedClient, hex, type ClientWindow} from './x11/windows.js';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** How long a window has to ask for pasted text before the step fails. */
const pasteAnswerMs = 2000;

type Nut = typeof import('@nut-tree-fork/nut-js');
let loaded: Promise<Nut> | undefined;

/**
 * nut-js, loaded at the first pointer or screen action: importing it costs ~0.4 s, which a robot
 * that only types and switches windows never pays.
 */
export function nut(): Promise<Nut> {
	return (loaded ??= import('@nut-tree-fork/nut-js').then(module => {
		// The default (100 ms a click) makes a robot crawl; a short pause still lets applications keep up.
		module.mouse.config.autoDelayMs = 10;
		module.providerRegistry.registerImageFinder(nccImageFinder(module));
		return module;
	}));
}

function aborted(signal?: AbortSignal): void {
	if (signal?.aborted) throw new Error('stopped: the step timed out');
}

/** Image steps resolve their point before the action reaches the desktop: only a dry run records an image. */
function pointOf(place: Place): {x: number; y: number} {
	if ('image' in place) throw new Error(`${place.image} was not looked for: the step resolves images before it acts`);
	return place;
}

export class NutDriver {
	readonly looks: ScreenLooks;

	private constructor(private readonly x: XConnection, private readonly keyboard: Keyboard, private readonly clipboard: Clipboard) {
		this.looks = new ScreenLooks(x, nut);
	}

	static async open(display: string): Promise<NutDriver> {
		const x = await XConnection.open(display);
		return new NutDriver(x, await Keyboard.open(x), new Clipboard(x));
	}

	get screen(): {width: number; height: number} {
		return this.x.screen;
	}

	async perform(action: Exclude<DesktopAction, {action: 'open'}>, signal?: AbortSignal): Promise<string | undefined> {
		switch (action.action) {
			case 'move':
				await (await nut()).mouse.setPosition(pointOf(action.at));
				return;
			case 'click': {
				const {mouse, Button} = await nut();
				if (action.at) await mouse.setPosition(pointOf(action.at));
				const button = action.button === 'right' ? Button.RIGHT : Button.LEFT;
				await (action.double ? mouse.doubleClick(button) : mouse.click(button));
				return;
			}
			case 'drag':
				await this.drag(pointOf(action.from), pointOf(action.to), action.durationMs);
				return;
			case 'scroll': {
				const {mouse} = await nut();
				await (action.direction === 'down' ? mouse.scrollDown(action.amount) : mouse.scrollUp(action.amount));
				return;
			}
			case 'type':
				return this.type(action.text, action.method, signal);
			case 'paste':
				await this.paste(action.text, await this.focused(), signal);
				return 'pasted';
			case 'key':
				await this.keyboard.pressCombo(action.keys.map(name => symbolOf(name)), signal);
				return;
			case 'waitForWindow':
			case 'focusWindow': {
				const withinMs = action.action === 'waitForWindow' ? action.withinMs : 0;
				const {window, note} = await this.waitForWindow(action.title, withinMs, signal);
				await activateWindow(this.x, window);
				return `${describe(window)}${window.minimized ? ', restored from minimized' : ''}${note ? `; ${note}` : ''}`;
			}
			case 'close': {
				const {window, note} = await this.waitForWindow(action.title, 0, signal);
				const how = await closeWindow(this.x, window, action.politeMs);
				const said = how === 'asked' ? 'closed when asked (WM_DELETE_WINDOW)' : `did not close within ${action.politeMs}ms of WM_DELETE_WINDOW: ended its X client`;
				return `${describe(window)} ${said}${note ? `; ${note}` : ''}`;
			}
			case 'copy':
				return this.copy(action.withinMs, signal);
			case 'screenshot':
				await this.screenshot(action.file);
				return;
		}
	}

	look(look: ScreenLook, signal?: AbortSignal): Promise<LookAnswer> {
		return this.looks.look(look, signal);
	}

	private async focused(): Promise<ClientWindow | undefined> {
		return focusedClient(this.x).catch(() => undefined);
	}

	private async waitForWindow(title: string, withinMs: number, signal?: AbortSignal) {
		const deadline = Date.now() + withinMs;
		for (;;) {
			aborted(signal);
			const found = await findWindow(this.x, title);
			if (found) return found;
			if (Date.now() >= deadline) throw new Error(withinMs > 0 ? `no window titled "${title}" appeared within ${withinMs}ms` : `no window titled "${title}" is open`);
			await sleep(50);
		}
	}

	private async type(text: string, method: 'paste' | 'keys' | undefined, signal?: AbortSignal): Promise<string> {
		const window = await this.focused();
		const route = textRouteFor(window?.windowClass ?? '');
		const chosen = method ?? (typesAsKeys(text) || route.paste === 'none' ? 'keys' : 'paste');
		const into = window ? ` into ${describe(window)}` : '';
		if (chosen === 'keys') {
			await this.keyboard.type(text, {signal});
			return `typed ${[...text].length} characters key by key${into}`;
		}
		if (route.paste === 'none') throw new Error(`${window ? describe(window) : 'this window'} pastes only the PRIMARY selection, not the clipboard: use method: keys`);
		const saved = await this.clipboard.read().catch(() => []);
		try {
			await this.paste(text, window, signal);
		} finally {
			await this.clipboard.own(saved).catch(() => {});
		}
		return `pasted ${[...text].length} characters${into} with ${route.paste === 'ctrl+shift+v' ? 'Ctrl+Shift+V' : 'Ctrl+V'}; the clipboard is as it was`;
	}

	/** Owns the clipboard with the text, presses the window's paste key and waits until the window asked for the text. */
	private async paste(text: string, window: ClientWindow | undefined, signal?: AbortSignal): Promise<void> {
		const route = textRouteFor(window?.windowClass ?? '');
		if (route.paste === 'none') throw new Error(`${window ? describe(window) : 'this window'} pastes only the PRIMARY selection, not the clipboard: use type with method: keys`);
		await this.clipboard.own(textContent(text));
		const combo = route.paste === 'ctrl+shift+v' ? [keysyms.Control_L, keysyms.Shift_L, 0x76] : [keysyms.Control_L, 0x76];
		await this.keyboard.pressCombo(combo, signal);
		if (!(await this.clipboard.waitForRequests(1, pasteAnswerMs, signal))) {
			aborted(signal);
			throw new Error(`${window ? describe(window) : 'the focused window'} did not take the text from the clipboard within ${pasteAnswerMs}ms: is a text field focused? (method: keys types instead)`);
		}
		// The window reads the property our answer named; let it before the clipboard changes again.
		await sleep(15);
	}

	/** Marks the clipboard as ours, copies, and reads what the application put there; the user's clipboard is put back. */
	private async copy(withinMs: number, signal?: AbortSignal): Promise<string> {
		const window = await this.focused();
		const saved = await this.clipboard.read().catch(() => []);
		try {
			await this.clipboard.own(textContent(`opsdesk: nothing copied yet ${Date.now()}`));
			const combo = textRouteFor(window?.windowClass ?? '').copyWithShift ? [keysyms.Control_L, keysyms.Shift_L, 0x63] : [keysyms.Control_L, 0x63];
			await this.keyboard.pressCombo(combo, signal);
			if (!(await this.clipboard.waitUntilTaken(withinMs, signal))) {
				aborted(signal);
				throw new Error(`nothing new reached the clipboard within ${withinMs}ms of the copy key${window ? ` in ${describe(window)}` : ''}: is anything selected?`);
			}
			const text = await this.clipboard.readText();
			if (text === undefined) throw new Error('the application copied something that is not text');
			return text;
		} finally {
			await this.clipboard.own(saved).catch(() => {});
		}
	}

	/** What the clipboard holds now, for handing over when this process ends. */
	async clipboardToKeep() {
		return this.clipboard.owned ? this.clipboard.read() : undefined;
	}

	/** Waits until the clipboard keeper took the clipboard from us. */
	async clipboardTaken(withinMs: number): Promise<boolean> {
		return this.clipboard.waitUntilTaken(withinMs);
	}

	probeKeys(): Promise<string[]> {
		return probeKeys(this.x, this.keyboard);
	}

	private async drag(from: {x: number; y: number}, to: {x: number; y: number}, durationMs: number): Promise<void> {
		const {mouse, Point} = await nut();
		await mouse.setPosition(from);
		// nut-js waits 1/mouseSpeed seconds between path points; one point per pixel overshoots the
		// duration (timer overhead per point), so move through ~60 points a second instead.
		const points = Math.max(2, Math.round(durationMs / 16));
		const path = Array.from({length: points}, (_, index) => {
			const share = (index + 1) / points;
			return new Point(Math.round(from.x + (to.x - from.x) * share), Math.round(from.y + (to.y - from.y) * share));
		});
		const speed = mouse.config.mouseSpeed;
		mouse.config.mouseSpeed = points / Math.max(durationMs / 1000, 0.001);
		try {
			await mouse.drag(path);
		} finally {
			mouse.config.mouseSpeed = speed;
		}
	}

	/** screen.capture saves a PNG with alpha 0 everywhere (it looks blank): grab and write opaque pixels. */
	async screenshot(file: string): Promise<boolean> {
		const image = await (await (await nut()).screen.grab()).toRGB();
		const png = new PNG({width: image.width, height: image.height});
		const {data, channels, byteWidth} = image;
		for (let y = 0; y < image.height; y++) {
			for (let x = 0; x < image.width; x++) {
				const from = y * byteWidth + x * channels;
				const to = (y * image.width + x) * 4;
				png.data[to] = data[from]!;
				png.data[to + 1] = data[from + 1]!;
				png.data[to + 2] = data[from + 2]!;
				png.data[to + 3] = 255;
			}
		}
		saveScreenshot(file, PNG.sync.write(png));
		return true;
	}

	close(): void {
		void this.looks.close();
		this.clipboard.close();
		this.x.close();
	}
}

function symbolOf(name: NutKeyName): number {
	const sym = keySymbols[name];
	if (sym === undefined) throw new Error(`the key ${name} cannot be pressed on X11`);
	return sym;
}

function describe(window: ClientWindow): string {
	const pid = window.pid ? `, pid ${window.pid}` : '';
	return `"${window.title}" (${hex(window.id)}${window.windowClass ? `, ${window.windowClass}` : ''}${pid})`;
}

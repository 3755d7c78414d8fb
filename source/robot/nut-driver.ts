// Loaded only in the desktop child (worker-process.ts): nut-js kills the process that loads it
// when the display is missing or a window is unmapped, so no other process imports this file.
import fs from 'node:fs';
import path from 'node:path';
import {Button, Key, Point, clipboard, getWindows, keyboard, mouse, screen, type Window} from '@nut-tree-fork/nut-js';
import {PNG} from 'pngjs';
import type {DesktopAction, DesktopDriver} from './driver.js';
import type {NutKeyName} from './keys.js';
import {isViewable, titlePattern} from './x11.js';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Settle time after a paste so the next key does not overtake it (measured ~150 ms under Xvfb). */
const pasteSettleMs = 150;

export function configureNut(): void {
	// The defaults (300 ms a key, 100 ms a click) make a robot crawl; a short pause still lets applications keep up.
	keyboard.config.autoDelayMs = 10;
	mouse.config.autoDelayMs = 10;
}

/** Opens the display: under a dead DISPLAY this is where the process dies, which is why a child does it. */
export async function probeScreen(): Promise<{width: number; height: number}> {
	return {width: await screen.width(), height: await screen.height()};
}

export class NutDriver implements Omit<DesktopDriver, 'close'> {
	readonly name = 'nut' as const;

	async perform(action: DesktopAction): Promise<string | undefined> {
		switch (action.action) {
			case 'move':
				await mouse.setPosition(action.at);
				return;
			case 'click': {
				if (action.at) await mouse.setPosition(action.at);
				const button = action.button === 'right' ? Button.RIGHT : Button.LEFT;
				await (action.double ? mouse.doubleClick(button) : mouse.click(button));
				return;
			}
			case 'drag':
				await this.drag(action.from, action.to, action.durationMs);
				return;
			case 'scroll':
				await (action.direction === 'down' ? mouse.scrollDown(action.amount) : mouse.scrollUp(action.amount));
				return;
			case 'type': {
				// keyboard.type garbles shifted symbols and non-ASCII on this fork: paste instead, then give the user's clipboard back.
				const previous = await readClipboard();
				await this.pasteText(action.text);
				await setClipboard(previous);
				return;
			}
			case 'paste':
				await this.pasteText(action.text);
				return;
			case 'key':
				await pressCombo(action.keys);
				return;
			case 'waitForWindow': {
				const window = await findWindow(action.title, action.withinMs);
				await window.focus();
				return;
			}
			case 'focusWindow':
				await (await findWindow(action.title, 0)).focus();
				return;
			case 'copy':
				await pressCombo(['LeftControl', 'C']);
				await sleep(pasteSettleMs);
				return readClipboard();
			case 'screenshot':
				await this.screenshot(action.file);
				return;
		}
	}

	private async drag(from: {x: number; y: number}, to: {x: number; y: number}, durationMs: number): Promise<void> {
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

	/** Shift+Insert pastes in GUI toolkits and terminals alike. */
	private async pasteText(text: string): Promise<void> {
		await setClipboard(text);
		await pressCombo(['LeftShift', 'Insert']);
		await sleep(pasteSettleMs);
	}

	/** screen.capture saves a PNG with alpha 0 everywhere (it looks blank): grab and write opaque pixels. */
	async screenshot(file: string): Promise<boolean> {
		const image = await (await screen.grab()).toRGB();
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
		fs.mkdirSync(path.dirname(file), {recursive: true});
		fs.writeFileSync(file, PNG.sync.write(png));
		return true;
	}
}

async function pressCombo(names: readonly NutKeyName[]): Promise<void> {
	const keys = names.map(name => Key[name]);
	await keyboard.pressKey(...keys);
	// nut-js reads the last key as the key and the ones before it as modifiers, on release too: same order.
	await keyboard.releaseKey(...keys);
}

async function readClipboard(): Promise<string> {
	try {
		return await clipboard.getContent();
	} catch {
		return '';
	}
}

/** Sets the clipboard and waits until reading it back agrees: pasting earlier pastes the old text. */
async function setClipboard(text: string): Promise<void> {
	await clipboard.setContent(text);
	for (let check = 0; check < 100; check++) {
		if ((await readClipboard()) === text) return;
		await sleep(20);
	}
	throw new Error('the clipboard did not take the text within 2s');
}

/** The first viewable window whose title matches; waits up to `withinMs`. Never returns an unmapped window. */
async function findWindow(title: string, withinMs: number): Promise<Window> {
	const pattern = titlePattern(title);
	const deadline = Date.now() + withinMs;
	for (;;) {
		for (const window of await getWindows()) {
			const handle = (window as unknown as {windowHandle: number}).windowHandle;
			if (pattern.test(await window.getTitle()) && (await isViewable(handle))) return window;
		}
		if (Date.now() >= deadline) throw new Error(`no window titled "${title}" appeared within ${withinMs}ms`);
		await sleep(100);
	}
}

import {EventEmitter} from 'node:events';
import type {ReactElement} from 'react';
import {render} from 'ink';
import {afterEach} from 'vitest';
import {FakeKeyboard} from '../support/fake-keyboard.js';

const mounted: Array<() => void> = [];
afterEach(() => {
	for (const unmount of mounted.splice(0)) unmount();
});

/** Terminal bytes for the key names bindings use; anything else is typed as is. */
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

/** A terminal of a given size that keeps every frame Ink draws. */
class FakeStdout extends EventEmitter {
	isTTY = true;
	frames: string[] = [];
	constructor(public columns: number, public rows: number) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

export type InkScreen = {
	/** The newest frame, without colours. */
	frame: () => string;
	/** Presses keys one at a time (`j`, `down`, `enter`, `ctrl+s`, `esc`), each after the previous one settled. */
	press: (...keys: string[]) => Promise<void>;
	/** Types text into the focused field, one key press per character. */
	type: (text: string) => Promise<void>;
	/** Sends keys in one write, as they arrive from a fast typist, over SSH or from tmux send-keys. */
	burst: (...keys: string[]) => Promise<void>;
	/** Sends raw terminal bytes in one write. */
	write: (bytes: string) => Promise<void>;
	/** Resolves once the frame contains `text` (or the predicate holds); fails with the frame after 5 s. */
	waitFor: (expected: string | ((frame: string) => boolean)) => Promise<string>;
	resize: (columns: number, rows: number) => Promise<void>;
	unmount: () => void;
	exited: Promise<unknown>;
};

const stripAnsi = (text: string) => text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

const tick = () => new Promise(resolve => setImmediate(resolve));

/**
 * Renders like the desk does, into a fake terminal of `columns`×`rows`, and waits until
 * Ink listens for input before any key is sent (a key sent earlier would be lost).
 */
export async function renderInk(element: ReactElement, size: {columns?: number; rows?: number} = {}): Promise<InkScreen> {
	const stdout = new FakeStdout(size.columns ?? 100, size.rows ?? 30);
	const stdin = new FakeKeyboard();
	const instance = render(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	mounted.push(() => instance.unmount());
	const exited = instance.waitUntilExit().then(() => 'exited', (error: unknown) => error);
	const frame = () => stripAnsi(stdout.frames.at(-1) ?? '');
	const settle = async () => {
		// Effects, deferred loads (setImmediate) and Ink's lone-Esc flush all finish within a few turns.
		let seen = -1;
		for (let round = 0; round < 50 && seen !== stdout.frames.length; round++) {
			seen = stdout.frames.length;
			for (let turn = 0; turn < 3; turn++) await tick();
		}
	};
	const waitFor = async (expected: string | ((frame: string) => boolean)) => {
		const holds = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
		const deadline = Date.now() + 5000;
		while (!holds(frame())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof expected === 'string' ? JSON.stringify(expected) : 'a condition'}; the screen shows:\n${frame()}`);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
		return frame();
	};
	const deadline = Date.now() + 5000;
	while (stdin.listenerCount('readable') === 0) {
		if (Date.now() > deadline) throw new Error('Ink never started reading input');
		await tick();
	}
	await settle();
	return {
		frame,
		async press(...keys) {
			for (const key of keys) {
				stdin.send(bytesOf(key));
				await settle();
			}
		},
		async type(text) {
			for (const character of text) {
				stdin.send(character);
				await settle();
			}
		},
		async burst(...keys) {
			stdin.send(keys.map(bytesOf).join(''));
			await settle();
		},
		async write(bytes) {
			stdin.send(bytes);
			await settle();
		},
		waitFor,
		async resize(columns, rows) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
			await settle();
		},
		unmount: () => instance.unmount(),
		exited,
	};
}

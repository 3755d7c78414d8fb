import {EventEmitter} from 'node:events';
import type {ReactElement} from 'react';
import {render} from 'ink';
import {afterEach} from 'vitest';
import {FakeKeyboard} from '../support/fake-keyboard.js';
import {bytesOf} from '../support/key-bytes.js';

export {bytesOf, pasteBytes} from '../support/key-bytes.js';

const mounted: Array<() => void> = [];
afterEach(() => {
	for (const unmount of mounted.splice(0)) unmount();
});

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
	/** Everything written to the terminal so far, as written (colours and all). */
	rawFrames: () => string[];
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
export async function renderInk(element: ReactElement, size: {columns?: number; rows?: number} = {}, options: {idle?: () => Promise<void>} = {}): Promise<InkScreen> {
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
		// Keys are handled one at a time, each after the renders, reads and code loads of the
		// one before (source/keys/key-pump.ts): the desk says when it is idle. Counts come a
		// moment after the last key (deferMs 0 in tests): settled is then no new frame for a
		// dozen turns of the event loop and a few ms.
		await tick();
		await options.idle?.();
		let seen = -1;
		let quietSince = 0;
		for (let round = 0; round < 2000; round++) {
			if (seen !== stdout.frames.length) {
				seen = stdout.frames.length;
				quietSince = round;
			}
			if (round - quietSince >= 12) break;
			await (round % 4 === 3 ? new Promise(resolve => setTimeout(resolve, 1)) : tick());
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
		rawFrames: () => [...stdout.frames],
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

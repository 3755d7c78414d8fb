// A terminal for the benchmark: Ink draws into it exactly as into a real one (a TTY of
// 100×30, incremental rendering, the desk's frame cap), and every write is timed.
import {EventEmitter} from 'node:events';
import type {ReactElement} from 'react';
import {render} from 'ink';
import {defaultFps} from '../source/desk.js';
import {FakeKeyboard} from '../test/support/fake-keyboard.js';

class TimedStdout extends EventEmitter {
	isTTY = true;
	columns = 100;
	rows = 30;
	writes: Array<{at: number; text: string}> = [];
	write(text: string, callback?: () => void) {
		this.writes.push({at: performance.now(), text});
		callback?.();
		return true;
	}
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
// Writes shorter than this are the synchronized-update markers around a frame.
const frameMinimum = 16;

export type TimedTerminal = {
	/** Presses a key and resolves to the milliseconds until the next frame was written (NaN if none within a second). */
	press: (key: string) => Promise<number>;
	/** The text of everything written since the last press. */
	lastWrites: () => string;
	close: () => void;
};

export async function timedTerminal(element: ReactElement): Promise<TimedTerminal> {
	const stdout = new TimedStdout();
	const stdin = new FakeKeyboard();
	const app = render(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
		incrementalRendering: true,
		maxFps: defaultFps,
	});
	while (stdin.listenerCount('readable') === 0) await pause(5);
	// Past the first frame and the views the desk loads once it is idle (source/screens/lazy-screens.ts): keys are measured on a desk at rest.
	await pause(1500);
	let mark = stdout.writes.length;
	return {
		async press(key) {
			// Longer than one frame interval, so every press starts a frame of its own as a person's would.
			await pause(1000 / defaultFps + 40);
			mark = stdout.writes.length;
			const start = performance.now();
			stdin.send(key);
			const deadline = start + 1000;
			for (;;) {
				const frame = stdout.writes.slice(mark).find(write => write.text.length >= frameMinimum);
				if (frame) return frame.at - start;
				if (performance.now() > deadline) return Number.NaN;
				await new Promise(resolve => setImmediate(resolve));
			}
		},
		lastWrites: () => stdout.writes.slice(mark).map(write => write.text).join(''),
		close: () => app.unmount(),
	};
}

import {EventEmitter} from 'node:events';

/**
 * Enough of a TTY stdin for Ink: raw mode, and 'readable' + read() for each key sent.
 * Shared by the screen tests and the frame benchmarks, which drive the desk the same way.
 */
export class FakeKeyboard extends EventEmitter {
	isTTY = true;
	private pending: string[] = [];
	setRawMode() {}
	setEncoding() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
	read = (): string | null => this.pending.shift() ?? null;
	send(data: string) {
		this.pending.push(data);
		this.emit('readable');
	}
}

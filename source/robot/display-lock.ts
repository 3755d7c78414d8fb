import net from 'node:net';
import os from 'node:os';

/**
 * One robot per display: two robots typing into one desktop interleave their keys. The lock is
 * an abstract Unix socket named after the display: binding it is atomic, the kernel frees it
 * when its process ends in any way (kill -9 too), and whoever finds it taken can ask the holder
 * who it is and what it runs.
 */
export type DisplayLock = {display: string; release: () => Promise<void>; describe: (doing: string) => void};

/** `:0`, `:0.0`, `unix:0` and `localhost/unix:0` are one display; `host:0` over TCP is another. */
export function displayKey(display: string): string {
	const match = /^(?:(.*?)\/)?(.*?):(\d+)(?:\.\d+)?$/.exec(display.trim());
	if (!match) return display.trim();
	const host = match[2] === '' || match[2] === 'unix' || match[2] === 'localhost' ? 'local' : match[2]!;
	return `${host}:${match[3]}`;
}

const socketName = (display: string) => `\0opsdesk-display-${process.getuid?.() ?? 0}-${displayKey(display)}`;

export class DisplayBusy extends Error {
	constructor(readonly display: string, readonly holder: string) {
		super(`display ${display} is in use by another robot: ${holder}`);
		this.name = 'DisplayBusy';
	}
}

/** Takes the display's lock, or throws DisplayBusy naming the holder. */
export async function lockDisplay(display: string, holder: string): Promise<DisplayLock> {
	let doing = holder;
	const server = net.createServer(socket => socket.end(doing));
	const bound = await new Promise<boolean>((resolve, reject) => {
		server.once('error', error => ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? resolve(false) : reject(error)));
		server.listen(socketName(display), () => resolve(true));
	});
	if (!bound) throw new DisplayBusy(display, await whoHolds(display));
	server.unref();
	let released: Promise<void> | undefined;
	return {
		display,
		describe: text => {
			doing = text;
		},
		release: () => (released ??= new Promise<void>(resolve => server.close(() => resolve()))),
	};
}

/** What the holder says it is doing, e.g. `worker host:123, job #4 (enter-customer)`. */
async function whoHolds(display: string): Promise<string> {
	return new Promise(resolve => {
		let said = '';
		const socket = net.connect(socketName(display));
		const timer = setTimeout(() => socket.destroy(), 1000);
		socket.setEncoding('utf8');
		socket.on('data', (text: string) => (said += text));
		socket.on('close', () => {
			clearTimeout(timer);
			resolve(said.slice(0, 300) || 'a process that does not say');
		});
		socket.on('error', () => {});
	});
}

/** Waits for the display's lock; `onWait` is told once who holds it. Rejects when `signal` aborts. */
export async function waitForDisplay(display: string, holder: string, options: {signal?: AbortSignal; onWait?: (busy: DisplayBusy) => void} = {}): Promise<DisplayLock> {
	let told = false;
	for (;;) {
		try {
			return await lockDisplay(display, holder);
		} catch (error) {
			if (!(error instanceof DisplayBusy)) throw error;
			if (!told) options.onWait?.(error);
			told = true;
		}
		if (options.signal?.aborted) throw new Error(String(options.signal.reason ?? 'stopped'));
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}

export const thisProcess = () => `${os.hostname()}:${process.pid}`;

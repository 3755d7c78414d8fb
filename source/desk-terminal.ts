import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {format} from 'node:util';
import {writeFileAtomic} from './store/atomic-write.js';

// Alternate screen and home; bracketed paste on, so a paste arrives marked as one (source/keys/key-decoder.ts).
const enterSequence = '\u001B[?1049h\u001B[H\u001B[?2004h';
const leaveSequence = '\u001B[?2004l\u001B[?1049l';
const showCursor = '\u001B[?25h';

/**
 * Switches the terminal to its alternate screen; the returned function switches back,
 * which brings back exactly what the shell showed before. Safe to call twice.
 */
export function enterAlternateScreen(stdout: NodeJS.WriteStream): () => void {
	stdout.write(enterSequence);
	let left = false;
	return () => {
		if (left) return;
		left = true;
		stdout.write(showCursor + leaveSequence);
	};
}

/** Errors that mean the terminal is gone (an SSH drop, a closed window, `tmux kill-session`), not a bug. */
export function isClosedTerminal(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO' || code === 'ENOTTY' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED';
}

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * While the desk is on screen, anything written to the console or to stderr (a library's
 * warning, a stray log line) would tear the frame. It is kept instead and, when there was
 * any, saved to a file whose path `restore` returns.
 */
export function holdConsoleOutput(): {restore: () => string | undefined} {
	const held: string[] = [];
	const originals = Object.fromEntries(consoleMethods.map(method => [method, console[method]]));
	for (const method of consoleMethods) {
		console[method] = (...args: unknown[]) => {
			held.push(`${method}: ${format(...args)}\n`);
		};
	}
	const stderrWrite = process.stderr.write;
	process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		const callback = rest.find(argument => typeof argument === 'function') as (() => void) | undefined;
		callback?.();
		return true;
	}) as typeof process.stderr.write;
	let restored = false;
	return {
		restore() {
			if (restored) return undefined;
			restored = true;
			Object.assign(console, originals);
			process.stderr.write = stderrWrite;
			if (held.length === 0) return undefined;
			const folder = path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'opsdesk');
			const file = path.join(folder, `desk-output-${new Date().toISOString().replaceAll(':', '-')}-${process.pid}.log`);
			try {
				fs.mkdirSync(folder, {recursive: true, mode: 0o700});
				writeFileAtomic(file, held.join(''), {mode: 0o600});
				return file;
			} catch {
				return undefined;
			}
		},
	};
}

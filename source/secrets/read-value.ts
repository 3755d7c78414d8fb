import type {ReadStream} from 'node:tty';
import {UserError} from '../store/errors.js';

/** More than any password or URL: a file piped in by mistake is refused, not stored. */
const largestInput = 64 * 1024 + 2;

/**
 * A secret's value from standard input, never from a flag (flags end up in shell history and in
 * `ps`). On a terminal it asks on stderr and reads with echo off, as `passwd` does; from a pipe
 * it reads everything. One trailing line break (from `echo` or a file) is not part of the value.
 */
export async function readSecretValue(stdin: NodeJS.ReadableStream, ask: (text: string) => void, name: string): Promise<string> {
	const terminal = stdin as ReadStream;
	const value = terminal.isTTY && typeof terminal.setRawMode === 'function'
		? await readWithoutEcho(terminal, ask, name)
		: await readAll(stdin);
	return value.replace(/\r?\n$/, '');
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stdin) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += bytes.length;
		if (size > largestInput) throw new UserError('the value on standard input is longer than 64 KB; a secret is a password, token or URL');
		chunks.push(bytes);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line with echo off; Ctrl-C gives up (nothing stored), backspace works, nothing is shown. */
function readWithoutEcho(terminal: ReadStream, ask: (text: string) => void, name: string): Promise<string> {
	ask(`value of secret ${name} (not shown; Enter to store, Ctrl-C to give up): `);
	return new Promise((resolve, reject) => {
		let typed = '';
		const finish = (error?: Error) => {
			terminal.setRawMode(false);
			terminal.pause();
			terminal.off('data', onData);
			ask('\n');
			if (error) reject(error);
			else resolve(typed);
		};
		const onData = (chunk: Buffer | string) => {
			for (const character of chunk.toString()) {
				if (character === '\r' || character === '\n' || character === '\u0004') return finish();
				if (character === '\u0003') return finish(new UserError('nothing stored (Ctrl-C)', 130));
				if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
				else typed += character;
			}
		};
		terminal.setRawMode(true);
		terminal.resume();
		terminal.on('data', onData);
	});
}

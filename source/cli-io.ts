import {describeFileError} from './store/file-errors.js';
import {UserError, exitCodes} from './store/errors.js';

/** Where a command line's output goes: the process's streams, or a test's buffers. */
export type CliIo = {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	stdin: NodeJS.ReadableStream;
	/** Waits until stdout has taken everything; resolves to the error a late write met, if any. */
	flush?: () => Promise<Error | undefined>;
};

/**
 * The reader of our output went away (`opsdesk customers list | head`): not an error, the
 * command just stops producing, as `cat` or `git log` do, and exits 0.
 */
export class OutputClosed extends Error {
	constructor() {
		super('the reader of the output has gone');
		this.name = 'OutputClosed';
	}
}

/** Why a write to stdout failed, when the reason is not a reader that left. */
function outputFailure(error: NodeJS.ErrnoException): Error {
	if (error.code === 'EPIPE' || error.code === 'EBADF' || error.code === 'EIO') return new OutputClosed();
	const full = error.code === 'ENOSPC' || error.code === 'EDQUOT';
	return new UserError(`cannot write the output: ${describeFileError(error)}`, full ? exitCodes.unavailable : exitCodes.usage);
}

type Writer = {write: (text: string) => void; flush: () => Promise<Error | undefined>};

function writerFor(stream: NodeJS.WriteStream): Writer {
	// A failed write reaches its callback (a file: ENOSPC) or destroys the stream and emits
	// 'error' (a pipe: EPIPE) a moment later; without a listener that event would end the
	// process with a stack trace. The next write, or the final flush, reports it.
	let failure: NodeJS.ErrnoException | undefined;
	const note = (error: Error | null | undefined) => {
		if (error) failure ??= error as NodeJS.ErrnoException;
	};
	stream.on('error', note);
	const failed = () => failure ?? (stream.destroyed ? (stream.errored as NodeJS.ErrnoException | null) ?? {name: 'Error', message: 'closed', code: 'EPIPE'} : undefined);
	return {
		write(text) {
			const before = failed();
			if (before) throw outputFailure(before);
			stream.write(text, note);
			const after = failed();
			if (after) throw outputFailure(after);
		},
		flush: () => new Promise(resolve => {
			const done = () => {
				const error = failed();
				resolve(error ? outputFailure(error) : undefined);
			};
			if (stream.destroyed) done();
			else stream.write('', () => done());
		}),
	};
}

let real: CliIo | undefined;

/** The real process's streams, for `dist/cli.js`. */
export function processIo(): CliIo {
	if (!real) {
		const stdout = writerFor(process.stdout);
		const stderr = writerFor(process.stderr);
		real = {stdout: stdout.write, stderr: stderr.write, stdin: process.stdin, flush: stdout.flush};
	}
	return real;
}

/** Where a command line's output goes: the process's streams, or a test's buffers. */
export type CliIo = {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	stdin: NodeJS.ReadableStream;
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

function writerFor(stream: NodeJS.WriteStream): (text: string) => void {
	// EPIPE arrives as an 'error' event after the write that met it; without a listener it
	// would end the process with a stack trace.
	stream.on('error', error => {
		if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
	});
	return text => {
		// A failed write destroys the stream at once, so the next row sees it and stops.
		if (stream.destroyed) throw new OutputClosed();
		stream.write(text);
		if (stream.destroyed) throw new OutputClosed();
	};
}

let real: CliIo | undefined;

/** The real process's streams, for `dist/cli.js`. */
export function processIo(): CliIo {
	real ??= {stdout: writerFor(process.stdout), stderr: writerFor(process.stderr), stdin: process.stdin};
	return real;
}

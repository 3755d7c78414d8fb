import {Worker} from 'node:worker_threads';

/**
 * `assert: {matches}` runs the author's regular expression in a worker thread: a pattern that
 * backtracks for ever on some value (`(a+)+$`) would otherwise block the worker's event loop,
 * its heartbeats and the step's own timeout. Here the thread is ended when time is up.
 */
const source = `
const {parentPort} = require('node:worker_threads');
parentPort.on('message', ({pattern, value}) => {
	try {
		parentPort.postMessage({matched: new RegExp(pattern, 'u').test(value)});
	} catch (error) {
		parentPort.postMessage({error: String(error && error.message || error)});
	}
});`;

let idle: Worker | undefined;

/** The longest an assert's pattern may run when its step has no timeout. */
export const defaultRegexLimitMs = 5000;

export async function regexMatches(pattern: string, value: string, options: {limitMs?: number; signal?: AbortSignal} = {}): Promise<boolean> {
	const worker = idle ?? new Worker(source, {eval: true});
	idle = undefined;
	worker.unref();
	const limitMs = options.limitMs ?? defaultRegexLimitMs;
	return new Promise<boolean>((resolve, reject) => {
		const finish = (settle: () => void, keep: boolean) => {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			worker.removeAllListeners('message');
			worker.removeAllListeners('error');
			if (keep && !idle) idle = worker;
			else void worker.terminate();
			settle();
		};
		const timer = setTimeout(() => finish(() => reject(new Error(`the pattern /${pattern}/ ran longer than ${limitMs}ms on a ${value.length}-character value and was stopped`)), false), limitMs);
		const onAbort = () => finish(() => reject(new Error('stopped: the step timed out while matching')), false);
		options.signal?.addEventListener('abort', onAbort, {once: true});
		worker.once('message', (answer: {matched?: boolean; error?: string}) => {
			finish(() => (answer.error === undefined ? resolve(answer.matched === true) : reject(new Error(answer.error))), true);
		});
		worker.once('error', error => finish(() => reject(error), false));
		worker.postMessage({pattern, value});
	});
}

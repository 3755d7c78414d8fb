import type {Worker} from 'node:worker_threads';
import {UserError} from '../store/errors.js';
import {flowTaken, type ParseWorkerMessage} from './customer-parse-protocol.js';

/**
 * Takes a row worker's messages (the import's parse worker, the seed's generator) until it
 * is done, handing each to `take`, and tells the worker after each batch so it never runs
 * more than a few batches ahead. Resolves to the `done` message, or to undefined when
 * `signal` fired first; rejects when the worker failed or `take` threw.
 */
export function takeWorkerRows(
	worker: Worker,
	flow: Int32Array,
	take: (message: Exclude<ParseWorkerMessage, {kind: 'done'} | {kind: 'failed'} | {kind: 'search-index'}>) => void | Promise<void>,
	signal: AbortSignal | undefined,
): Promise<Extract<ParseWorkerMessage, {kind: 'done'}> | undefined> {
	return new Promise((resolve, reject) => {
		const stop = (outcome: () => void) => {
			stopped = true;
			signal?.removeEventListener('abort', onAbort);
			worker.off('message', onMessage);
			worker.off('error', onError);
			outcome();
		};
		const onAbort = () => stop(() => resolve(undefined));
		if (signal?.aborted) return resolve(undefined);
		signal?.addEventListener('abort', onAbort);
		const onError = (error: Error) => stop(() => reject(error));
		let stopped = false;
		// Messages are taken one after another, each once the one before is written (a batch
		// into PostgreSQL is awaited): the worker is told a batch was taken only then.
		let queue = Promise.resolve();
		const handle = async (message: ParseWorkerMessage) => {
			if (stopped || message.kind === 'search-index') return;
			if (message.kind === 'done') return stop(() => resolve(message));
			if (message.kind === 'failed') {
				const error = message.exitCode === 70 ? new Error(message.message) : new UserError(message.message, message.exitCode);
				return stop(() => reject(error));
			}
			await take(message as Exclude<ParseWorkerMessage, {kind: 'done'} | {kind: 'failed'} | {kind: 'search-index'}>);
			if (message.kind === 'rows') {
				Atomics.add(flow, flowTaken, 1);
				Atomics.notify(flow, flowTaken);
			}
		};
		const onMessage = (message: ParseWorkerMessage) => {
			queue = queue.then(() => handle(message)).catch((error: unknown) => stop(() => reject(error as Error)));
		};
		worker.on('error', onError);
		worker.on('message', onMessage);
	});
}

/**
 * Resolves to whether the worker built its scratch search index, once it says so. Listen
 * from the start: the message may come right after the last rows.
 */
export function scratchIndexBuilt(worker: Worker): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: ParseWorkerMessage) => {
			if (message.kind === 'search-index') finish(() => resolve(message.built));
			else if (message.kind === 'failed') finish(() => reject(new Error(message.message)));
		};
		const onError = (error: Error) => finish(() => reject(error));
		const onExit = () => finish(() => reject(new Error('the worker ended before building the search index')));
		const finish = (outcome: () => void) => {
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
			outcome();
		};
		worker.on('message', onMessage);
		worker.on('error', onError);
		worker.on('exit', onExit);
	});
}

/** Ends a worker without waiting: one blocked reading a pipe stops only when the pipe does. */
export function letWorkerGo(worker: Worker | undefined): void {
	worker?.unref();
	void worker?.terminate();
}

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
	take: (message: Exclude<ParseWorkerMessage, {kind: 'done'} | {kind: 'failed'}>) => void,
	signal: AbortSignal | undefined,
): Promise<Extract<ParseWorkerMessage, {kind: 'done'}> | undefined> {
	return new Promise((resolve, reject) => {
		const stop = (outcome: () => void) => {
			signal?.removeEventListener('abort', onAbort);
			worker.removeAllListeners('message');
			worker.removeAllListeners('error');
			outcome();
		};
		const onAbort = () => stop(() => resolve(undefined));
		if (signal?.aborted) return resolve(undefined);
		signal?.addEventListener('abort', onAbort);
		worker.on('error', error => stop(() => reject(error)));
		worker.on('message', (message: ParseWorkerMessage) => {
			try {
				if (message.kind === 'done') return stop(() => resolve(message));
				if (message.kind === 'failed') {
					const error = message.exitCode === 70 ? new Error(message.message) : new UserError(message.message, message.exitCode);
					return stop(() => reject(error));
				}
				take(message);
				if (message.kind === 'rows') {
					Atomics.add(flow, flowTaken, 1);
					Atomics.notify(flow, flowTaken);
				}
			} catch (error) {
				stop(() => reject(error as Error));
			}
		});
	});
}

/** Ends a worker without waiting: one blocked reading a pipe stops only when the pipe does. */
export function letWorkerGo(worker: Worker | undefined): void {
	worker?.unref();
	void worker?.terminate();
}

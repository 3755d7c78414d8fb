import os from 'node:os';
import {MessageChannel, type Worker} from 'node:worker_threads';
import {UserError} from '../store/errors.js';
import {startWorker} from '../csv/worker-file.js';
import {flowTaken, type DeriveOptions, type DeriveWorkerRequest, type ParseWorkerMessage, type ProducerInput} from './customer-parse-protocol.js';
import {scratchEntriesPath} from './search-index-file.js';
import type {DeriveWorkerInput} from './derive-worker.js';

/**
 * Each row allocates a few dozen short strings; with V8's default young generation (16 MB
 * semi-spaces) the scavenges cost a fifth of a derive worker's time, a larger one collects
 * far less often.
 */
const youngGeneration = {maxYoungGenerationSizeMb: 192};

type Done = Extract<ParseWorkerMessage, {kind: 'done'}>;
export type PipelineMessage = Extract<ParseWorkerMessage, {kind: 'header'} | {kind: 'rows'}>;

/**
 * The threads of a bulk load (an import of a large file, a large seed): a producer reads and
 * checks the rows (customer-parse-worker.ts) or makes them (synthetic-seed-worker.ts); derive
 * workers fill in each row's search text and blocking keys (derive-worker.ts), the larger
 * part of the work; this thread inserts. Deriving was most of a single worker's time while
 * this thread mostly waited; with two derive workers every core has work. Batches are
 * numbered by the producer and taken here in order, so ids follow the file.
 *
 * With `scratchIndex`, the derive workers write each row's search entry to scratch files, and
 * `buildSearchIndex` has one of them build the search index from those while this thread
 * builds the B-tree indexes (search-index-file.ts).
 */
export class RowPipeline {
	private readonly producer: Worker;
	private readonly derivers: Worker[];
	private readonly flow = new SharedArrayBuffer(8);
	private readonly scratchIndex: string | undefined;
	private readonly entryFiles: string[];
	private entriesLost = false;

	constructor(producer: {folder: string; name: string; input: Omit<ProducerInput, 'flow' | 'derivers'>}, derive: DeriveOptions & {scratchIndex?: string}) {
		const count = Math.min(2, os.availableParallelism());
		const channels = Array.from({length: count}, () => new MessageChannel());
		const {scratchIndex} = derive;
		this.scratchIndex = scratchIndex;
		this.entryFiles = scratchIndex === undefined ? [] : channels.map((_, index) => scratchEntriesPath(scratchIndex, index));
		this.derivers = channels.map((channel, index) => startWorker(import.meta.url, 'customers', 'derive-worker', {
			workerData: {searchKeys: derive.searchKeys, matchColumns: derive.matchColumns, port: channel.port2, entriesFile: this.entryFiles[index]} satisfies DeriveWorkerInput,
			transferList: [channel.port2],
			resourceLimits: youngGeneration,
		}));
		const ports = channels.map(channel => channel.port1);
		this.producer = startWorker(import.meta.url, producer.folder, producer.name, {
			workerData: {...producer.input, flow: this.flow, derivers: ports} satisfies ProducerInput,
			transferList: ports,
			resourceLimits: youngGeneration,
		});
	}

	/**
	 * Takes the producer's messages in order until it is done, handing each header and batch
	 * of rows to `take`, and tells the producer after each batch so it never runs more than a
	 * few batches ahead. Resolves to the `done` message, or to undefined when `signal` fired
	 * first; rejects when a thread failed or `take` threw.
	 */
	take(take: (message: PipelineMessage) => void | Promise<void>, signal: AbortSignal | undefined): Promise<Done | undefined> {
		const flow = new Int32Array(this.flow);
		const threads = [this.producer, ...this.derivers];
		return new Promise((resolve, reject) => {
			let stopped = false;
			let doneSeen = false;
			const stop = (outcome: () => void) => {
				if (stopped) return;
				stopped = true;
				signal?.removeEventListener('abort', onAbort);
				for (const thread of threads) {
					thread.off('message', onMessage);
					thread.off('error', onError);
					thread.off('exit', onExit);
				}
				outcome();
			};
			const onAbort = () => stop(() => resolve(undefined));
			const onError = (error: Error) => stop(() => reject(error));
			const onExit = () => {
				// The producer ends after its last message; any other end is a thread that died.
				if (!doneSeen) stop(() => reject(new Error('a thread of the bulk load ended before its last row')));
			};
			// Messages arrive from several threads; they are taken strictly in the producer's order.
			const waiting = new Map<number, ParseWorkerMessage & {seq: number}>();
			let next = 0;
			let taking = false;
			const pump = async () => {
				if (taking) return;
				taking = true;
				try {
					for (let message = waiting.get(next); message && !stopped; message = waiting.get(next)) {
						waiting.delete(next);
						next++;
						if (message.kind === 'done') return stop(() => resolve(message));
						if (message.kind !== 'header' && message.kind !== 'rows') continue;
						if (message.kind === 'rows' && message.entriesLost) this.entriesLost = true;
						await take(message);
						if (message.kind === 'rows') {
							Atomics.add(flow, flowTaken, 1);
							Atomics.notify(flow, flowTaken);
						}
					}
				} catch (error) {
					stop(() => reject(error as Error));
				} finally {
					taking = false;
				}
			};
			const onMessage = (message: ParseWorkerMessage) => {
				if (stopped) return;
				if (message.kind === 'failed') {
					const error = message.exitCode === 70 ? new Error(message.message) : new UserError(message.message, message.exitCode);
					return stop(() => reject(error));
				}
				if (!('seq' in message)) return;
				if (message.kind === 'done') doneSeen = true;
				waiting.set(message.seq, message);
				void pump();
			};
			if (signal?.aborted) return resolve(undefined);
			signal?.addEventListener('abort', onAbort);
			for (const thread of threads) {
				thread.on('message', onMessage);
				thread.on('error', onError);
				thread.on('exit', onExit);
			}
		});
	}

	/**
	 * After `take`: has a derive worker build the search index into the scratch file from the
	 * entries written meanwhile. Resolves to whether it did; a failure there (say, a full disk)
	 * is not the load's failure, the load then fills its index itself.
	 */
	buildSearchIndex(): Promise<boolean> {
		const file = this.scratchIndex;
		const builder = this.derivers[0]!;
		if (file === undefined || this.entriesLost) return Promise.resolve(false);
		return new Promise(resolve => {
			const finish = (built: boolean) => {
				builder.off('message', onMessage);
				builder.off('error', onEnd);
				builder.off('exit', onEnd);
				resolve(built);
			};
			const onMessage = (message: ParseWorkerMessage) => {
				if (message.kind === 'search-index') finish(message.built);
			};
			const onEnd = () => finish(false);
			builder.on('message', onMessage);
			builder.on('error', onEnd);
			builder.on('exit', onEnd);
			builder.postMessage({kind: 'build-search-index', file, entryFiles: this.entryFiles} satisfies DeriveWorkerRequest);
		});
	}

	/** Ends every thread without waiting: a producer blocked reading a pipe stops only when the pipe does. */
	stop(): void {
		for (const thread of [this.producer, ...this.derivers]) {
			thread.unref();
			void thread.terminate();
		}
	}
}

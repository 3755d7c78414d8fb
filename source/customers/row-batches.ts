import {parentPort, type MessagePort} from 'node:worker_threads';
import {flowSent, flowTaken, flowWindow, type AcceptedTuple, type ParseWorkerMessage, type ProducerInput, type RejectedTuple} from './customer-parse-protocol.js';

const rowsPerBatch = 2000;

/**
 * The producer side of a row pipeline (row-pipeline.ts): rows gathered into batches, each
 * sent to the next derive worker in turn once the inserting thread is fewer than a few
 * batches behind, so memory stays flat for a file or a count of any size. Every message is
 * numbered, so the inserting thread takes them in order.
 */
export class RowBatches {
	private accepted: AcceptedTuple[] = [];
	private rejected: RejectedTuple[] = [];
	private readonly flow: Int32Array;
	private readonly derivers: MessagePort[];
	private seq = 0;

	constructor(input: ProducerInput) {
		this.flow = new Int32Array(input.flow);
		this.derivers = input.derivers;
	}

	/** The header, before any rows. */
	header(message: Omit<Extract<ParseWorkerMessage, {kind: 'header'}>, 'seq' | 'kind'>): void {
		parentPort!.postMessage({kind: 'header', seq: this.seq++, ...message} satisfies ParseWorkerMessage);
	}

	accept(tuple: AcceptedTuple, bytesPerRow = 0): void {
		this.accepted.push(tuple);
		if (this.accepted.length + this.rejected.length >= rowsPerBatch) this.send(bytesPerRow);
	}

	reject(tuple: RejectedTuple, bytesPerRow = 0): void {
		this.rejected.push(tuple);
		if (this.accepted.length + this.rejected.length >= rowsPerBatch) this.send(bytesPerRow);
	}

	/** Sends what is gathered. */
	send(bytesPerRow = 0): void {
		if (this.accepted.length + this.rejected.length === 0) return;
		for (;;) {
			const ahead = Atomics.load(this.flow, flowSent) - Atomics.load(this.flow, flowTaken);
			if (ahead < flowWindow) break;
			Atomics.wait(this.flow, flowTaken, Atomics.load(this.flow, flowTaken), 1000);
		}
		Atomics.add(this.flow, flowSent, 1);
		const seq = this.seq++;
		this.derivers[seq % this.derivers.length]!.postMessage({kind: 'rows', seq, accepted: this.accepted, rejected: this.rejected, bytesPerRow} satisfies ParseWorkerMessage);
		this.accepted = [];
		this.rejected = [];
	}

	/** Sends the last rows, then says there are no more; the producer may then end. */
	done(skipped?: number, bytesPerRow = 0): void {
		this.send(bytesPerRow);
		parentPort!.postMessage({kind: 'done', seq: this.seq++, skipped} satisfies ParseWorkerMessage);
		for (const port of this.derivers) port.close();
	}
}

/** How a producer reports that it failed (its rows are then worthless: the load rolls back). */
export function postFailure(message: string, exitCode: number): void {
	parentPort!.postMessage({kind: 'failed', message, exitCode} satisfies ParseWorkerMessage);
}

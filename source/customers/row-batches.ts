import {parentPort} from 'node:worker_threads';
import {buildScratchIndex, type SearchEntries} from './search-index-file.js';
import {flowSent, flowTaken, flowWindow, type AcceptedTuple, type ParseWorkerMessage, type RejectedTuple} from './customer-parse-protocol.js';

const rowsPerBatch = 2000;

export function postToParent(message: ParseWorkerMessage): void {
	parentPort!.postMessage(message);
}

/**
 * The worker side of takeWorkerRows (row-worker.ts): rows gathered into batches, each sent
 * once the inserting thread is fewer than a few batches behind, so memory stays flat for a
 * file or a count of any size.
 */
export class RowBatches {
	private accepted: AcceptedTuple[] = [];
	private rejected: RejectedTuple[] = [];
	private readonly flow: Int32Array;

	constructor(flow: SharedArrayBuffer) {
		this.flow = new Int32Array(flow);
	}

	accept(tuple: AcceptedTuple, bytesPerRow = 0): void {
		this.accepted.push(tuple);
		if (this.accepted.length + this.rejected.length >= rowsPerBatch) this.send(bytesPerRow);
	}

	reject(tuple: RejectedTuple, bytesPerRow = 0): void {
		this.rejected.push(tuple);
		if (this.accepted.length + this.rejected.length >= rowsPerBatch) this.send(bytesPerRow);
	}

	/** Sends what is gathered (call once more at the end). */
	send(bytesPerRow = 0): void {
		if (this.accepted.length + this.rejected.length === 0) return;
		for (;;) {
			const ahead = Atomics.load(this.flow, flowSent) - Atomics.load(this.flow, flowTaken);
			if (ahead < flowWindow) break;
			Atomics.wait(this.flow, flowTaken, Atomics.load(this.flow, flowTaken), 1000);
		}
		Atomics.add(this.flow, flowSent, 1);
		postToParent({kind: 'rows', accepted: this.accepted, rejected: this.rejected, bytesPerRow});
		this.accepted = [];
		this.rejected = [];
	}
}

/** The search index entries of the rows sent, kept for a scratch index (search-index-file.ts). */
export class EntryList {
	readonly entries: SearchEntries = {ranks: [], substrings: [], wordStarts: []};

	add(rank: number, text: {substringText: string; wordStarts: string}): void {
		this.entries.ranks.push(rank);
		this.entries.substrings.push(text.substringText);
		this.entries.wordStarts.push(text.wordStarts);
	}
}

/**
 * Builds the scratch search index and says whether it worked. A failure (say, a full disk
 * beside the database) is not the import's failure: the import then fills the index itself.
 */
export function buildScratchIndexOrSayNot(file: string, entries: SearchEntries): void {
	let built = true;
	try {
		buildScratchIndex(file, entries);
	} catch {
		built = false;
	}
	postToParent({kind: 'search-index', built});
}

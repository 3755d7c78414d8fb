// A derive worker of a bulk load (row-pipeline.ts): takes batches of checked rows from the
// producer (the import's parse worker, the seed's generator), fills in what their stored
// columns derive from the fields, writes their search entries to its scratch file when the
// load builds a scratch index, and passes the rows on to the inserting thread. Once the rows
// are in, the inserting thread asks one derive worker to build that index. Built as its own
// entry (dist/customers/derive-worker.js).
import {parentPort, workerData, type MessagePort} from 'node:worker_threads';
import {deriveTuple} from './derive-rows.js';
import {buildScratchIndex, ScratchEntries} from './search-index-file.js';
import type {DeriveOptions, DeriveWorkerRequest, ParseWorkerMessage} from './customer-parse-protocol.js';

export type DeriveWorkerInput = DeriveOptions & {port: MessagePort; entriesFile?: string};

const input = workerData as DeriveWorkerInput;
const entries = input.entriesFile === undefined ? undefined : new ScratchEntries(input.entriesFile);

input.port.on('message', (message: ParseWorkerMessage) => {
	if (message.kind === 'rows') {
		for (const tuple of message.accepted) deriveTuple(tuple, input);
		if (entries) {
			entries.addBatch(message.accepted.map(tuple => [tuple[17], tuple[16]]));
			if (!entries.usable) message.entriesLost = true;
		}
	}
	parentPort!.postMessage(message);
});

parentPort!.on('message', (request: DeriveWorkerRequest) => {
	if (request.kind !== 'build-search-index') return;
	let built = true;
	try {
		entries?.close();
		buildScratchIndex(request.file, request.entryFiles);
	} catch {
		// Not the load's failure (say, a full disk beside the database): it then fills the index itself.
		built = false;
	}
	parentPort!.postMessage({kind: 'search-index', built} satisfies ParseWorkerMessage);
});

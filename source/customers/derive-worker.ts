// A derive worker of a bulk load (row-pipeline.ts): takes batches of checked rows from the
// producer (the import's parse worker, the seed's generator), fills in what their stored
// columns derive from the fields, and passes them on to the inserting thread. Once the rows
// are in, the inserting thread may ask it to build the scratch search index. Built as its own
// entry (dist/customers/derive-worker.js).
import {parentPort, workerData, type MessagePort} from 'node:worker_threads';
import {deriveTuple} from './derive-rows.js';
import {buildScratchIndex} from './search-index-file.js';
import type {DeriveOptions, DeriveWorkerRequest, ParseWorkerMessage} from './customer-parse-protocol.js';

export type DeriveWorkerInput = DeriveOptions & {port: MessagePort};

const input = workerData as DeriveWorkerInput;

input.port.on('message', (message: ParseWorkerMessage) => {
	if (message.kind === 'rows') for (const tuple of message.accepted) deriveTuple(tuple, input);
	parentPort!.postMessage(message);
});

parentPort!.on('message', (request: DeriveWorkerRequest) => {
	if (request.kind !== 'build-search-index') return;
	let built = true;
	try {
		buildScratchIndex(request.file);
	} catch {
		// Not the import's failure (say, a full disk beside the database): it then fills the index itself.
		built = false;
	}
	parentPort!.postMessage({kind: 'search-index', built} satisfies ParseWorkerMessage);
});

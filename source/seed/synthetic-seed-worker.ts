// The generator thread of `seed --customers N` (synthetic-seed.ts): makes the rows and
// everything derived from them while the seed's thread inserts. Built as its own entry
// (dist/seed/synthetic-seed-worker.js).
import {workerData} from 'node:worker_threads';
import {rankNameKeys} from '../customers/name-order.js';
import {nameKeyOf, searchTextOf} from '../customers/search-text.js';
import {searchKeysLiteral} from '../customers/search-keys.js';
import {tupleOf} from '../customers/customer-parse-protocol.js';
import {matchColumnsOf} from '../duplicates/match-columns.js';
import {buildScratchIndexOrSayNot, EntryList, postToParent, RowBatches} from '../customers/row-batches.js';
import {syntheticCustomers} from './synthetic.js';

export type SeedWorkerInput = {
	count: number;
	seed: number;
	/** Number the names first: the table is empty. */
	rank: boolean;
	/** Emails in use, lower case: such people are skipped. */
	taken: string[];
	/** PostgreSQL: compute each row's search keys here too (search-keys.ts). */
	searchKeys?: boolean;
	/** With `rank`: build the search index into this scratch file after the rows (search-index-file.ts). */
	scratchIndex?: string;
	flow: SharedArrayBuffer;
};

function run(input: SeedWorkerInput): void {
	const ranks = input.rank ? rankNameKeys(Array.from(syntheticCustomers(input.count, input.seed), fields => nameKeyOf(fields.name))) : undefined;
	const taken = new Set(input.taken);
	const batches = new RowBatches(input.flow);
	const entries = input.scratchIndex ? new EntryList() : undefined;
	let index = 0;
	let skipped = 0;
	for (const fields of syntheticCustomers(input.count, input.seed)) {
		const rank = ranks?.[index] ?? 0;
		index++;
		const email = fields.email.toLowerCase();
		if (taken.has(email)) {
			skipped++;
			continue;
		}
		if (taken.size > 0) taken.add(email);
		const text = searchTextOf(fields);
		const searchKeys = input.searchKeys ? searchKeysLiteral(text) : undefined;
		const match = matchColumnsOf(fields);
		batches.accept(tupleOf({ok: true, line: index, fields, stamp: undefined}, {nameKey: nameKeyOf(fields.name), searchText: text.searchText, rank, searchKeys, match}));
		entries?.add(rank, text);
	}
	batches.send();
	postToParent({kind: 'done', skipped});
	if (input.scratchIndex && entries) {
		buildScratchIndexOrSayNot(input.scratchIndex, entries.entries);
	}
}

try {
	run(workerData as SeedWorkerInput);
} catch (error) {
	postToParent({kind: 'failed', message: `internal error in the seed worker: ${(error as Error).stack ?? String(error)}`, exitCode: 70});
}

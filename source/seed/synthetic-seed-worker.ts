// The generator thread of `seed --customers N` (synthetic-seed.ts): makes the rows and hands
// them to the derive workers while the seed's thread inserts (row-pipeline.ts). Built as its own entry
// (dist/seed/synthetic-seed-worker.js).
import {workerData} from 'node:worker_threads';
import {rankNameKeys} from '../customers/name-order.js';
import {nameKeyOf} from '../customers/search-text.js';
import {tupleOf, type ProducerInput} from '../customers/customer-parse-protocol.js';
import {postFailure, RowBatches} from '../customers/row-batches.js';
import {syntheticCustomers} from './synthetic.js';

export type SeedWorkerInput = ProducerInput & {
	count: number;
	seed: number;
	/** Number the names first: the table is empty. */
	rank: boolean;
	/** Emails in use, lower case: such people are skipped. */
	taken: string[];
};

function run(input: SeedWorkerInput): void {
	const ranks = input.rank ? rankNameKeys(Array.from(syntheticCustomers(input.count, input.seed), fields => nameKeyOf(fields.name))) : undefined;
	const taken = new Set(input.taken);
	const batches = new RowBatches(input);
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
		batches.accept(tupleOf({ok: true, line: index, fields, stamp: undefined}, rank));
	}
	batches.done(skipped);
}

try {
	run(workerData as SeedWorkerInput);
} catch (error) {
	postFailure(`internal error in the seed worker: ${(error as Error).stack ?? String(error)}`, 70);
}

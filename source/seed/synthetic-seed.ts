import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {systemClock, type Clock} from '../store/clock.js';
import {bulkBatch, startBulkInsert} from '../customers/customer-bulk.js';
import {rankNameKeys} from '../customers/name-order.js';
import {nameKeyOf} from '../customers/search-text.js';
import {syntheticCustomers} from './synthetic.js';
import {fieldsOf} from '../customers/customer-parse-protocol.js';
import {RowPipeline} from '../customers/row-pipeline.js';
import {scratchIndexFor} from '../customers/customer-import-file.js';
import {removeScratchIndex} from '../customers/search-index-file.js';
import type {SeedWorkerInput} from './synthetic-seed-worker.js';

export type SyntheticSeedOptions = {
	clock?: Clock;
	/** Called every `progressEvery` rows with the number written so far. */
	progress?: (written: number) => void;
	progressEvery?: number;
};

/**
 * `seed --customers N`: N generated customers in one transaction through the bulk insert,
 * which builds the indexes and the search index in one pass at the end once the batch is
 * large (far cheaper than a million single inserts, or a bulk per smaller batch). The
 * generator's output is valid by construction, so rows skip the field validation an
 * import does; what it cannot know is which emails a non-empty database already holds,
 * so those are looked up once and colliding people are skipped.
 */
export async function seedSyntheticCustomers(db: Db, count: number, options: SyntheticSeedOptions = {}): Promise<{written: number; skipped: number}> {
	const every = options.progressEvery ?? 100_000;
	const now = (options.clock ?? systemClock)();
	return db.write(async tx => {
		const existing = await customerCount(tx);
		const taken = new Set(existing > 0 ? await liveEmails(tx) : []);
		let written = 0;
		let skipped = 0;
		// A different seed on each run, so a second run adds new people rather than the same ones.
		const seed = existing + 1;
		// Into an empty table the names are numbered first (one cheap pass of the generator), so
		// rows go in with their final name rank and are never renumbered (customer-bulk.ts).
		const ranks = existing === 0 && count > 0 ? rankNameKeys(Array.from(syntheticCustomers(count, seed), fields => nameKeyOf(fields.name))) : undefined;
		const bulk = await startBulkInsert(tx, {now, ranked: ranks !== undefined});
		let index = 0;
		for (const fields of syntheticCustomers(count, seed)) {
			const rank = ranks?.[index++];
			const email = fields.email.toLowerCase();
			if (taken.has(email)) {
				skipped++;
				continue;
			}
			if (existing > 0) taken.add(email);
			bulk.add(fields, {rank});
			if (bulk.pending >= bulkBatch) await bulk.flush();
			written++;
			if (written % every === 0) options.progress?.(written);
		}
		await bulk.finish();
		return {written, skipped};
	});
}

async function customerCount(db: Db): Promise<number> {
	return Number((await sql<{n: number}>`SELECT count(*) AS n FROM customers`.execute(db.db)).rows[0]?.n ?? 0);
}

async function liveEmails(db: Db): Promise<string[]> {
	return (await sql<{email: string}>`SELECT lower(email) AS email FROM customers WHERE deleted_at IS NULL AND email <> ''`.execute(db.db)).rows.map(row => row.email);
}

/**
 * The same seed with the rows made and prepared in worker threads (synthetic-seed-worker.ts,
 * row-pipeline.ts) while this thread inserts them: for large counts, where making and
 * preparing a row costs more than inserting it. All or nothing, in one transaction.
 */
export async function seedSyntheticCustomersInWorker(db: Db, count: number, options: SyntheticSeedOptions = {}): Promise<{written: number; skipped: number}> {
	const every = options.progressEvery ?? 100_000;
	const now = (options.clock ?? systemClock)();
	let pipeline: RowPipeline | undefined;
	let scratch: string | undefined;
	try {
		return await db.write(async tx => {
			const existing = await customerCount(tx);
			const taken = existing === 0 ? [] : await liveEmails(tx);
			scratch = existing === 0 ? scratchIndexFor(tx) : undefined;
			const input: Omit<SeedWorkerInput, 'flow' | 'derivers'> = {count, seed: existing + 1, rank: existing === 0, taken};
			const bulk = await startBulkInsert(tx, {now, ranked: input.rank});
			pipeline = new RowPipeline({folder: 'seed', name: 'synthetic-seed-worker', input}, {searchKeys: tx.engine === 'postgres', matchColumns: true, scratchIndex: scratch});
			let written = 0;
			const done = await pipeline.take(async message => {
				if (message.kind !== 'rows') return;
				for (const tuple of message.accepted) {
					bulk.add(fieldsOf(tuple), {nameKey: tuple[15], searchText: tuple[16], rank: tuple[17], searchKeys: tuple[18] ?? undefined, match: tuple[19]});
					written++;
					if (written % every === 0) options.progress?.(written);
				}
				await bulk.flush();
			}, undefined);
			// The B-tree indexes here while a derive worker fills the search index (row-pipeline.ts).
			const built = scratch ? pipeline.buildSearchIndex() : undefined;
			await bulk.finishTables();
			const scratchBuilt = built ? await built : false;
			await bulk.finishSearch(scratchBuilt ? scratch : undefined);
			return {written, skipped: done?.skipped ?? 0};
		});
	} finally {
		pipeline?.stop();
		if (scratch) removeScratchIndex(scratch);
	}
}

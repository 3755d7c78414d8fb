import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {RowPipeline} from '../../source/customers/row-pipeline.js';
import {scratchEntriesPath} from '../../source/customers/search-index-file.js';
import type {SeedWorkerInput} from '../../source/seed/synthetic-seed-worker.js';
import {tempFolder} from '../support/temp-db.js';

const count = 3000;

/** Runs a seed's threads to the end, as the seed does, and asks for the scratch search index. */
async function runPipeline(scratchIndex: string): Promise<{rows: number; built: boolean}> {
	const input: Omit<SeedWorkerInput, 'flow' | 'derivers'> = {count, seed: 1, rank: true, taken: []};
	const pipeline = new RowPipeline({folder: 'seed', name: 'synthetic-seed-worker', input}, {searchKeys: false, matchColumns: true, scratchIndex});
	try {
		let rows = 0;
		await pipeline.take(message => {
			if (message.kind === 'rows') rows += message.accepted.length;
		}, undefined);
		return {rows, built: await pipeline.buildSearchIndex()};
	} finally {
		pipeline.stop();
	}
}

describe('the threads of a bulk load', () => {
	it('build the search index from the entries the derive workers wrote', async () => {
		const scratchIndex = path.join(tempFolder(), '.scratch');
		expect(await runPipeline(scratchIndex)).toEqual({rows: count, built: true});
		const index = new Database(scratchIndex);
		try {
			index.exec("INSERT INTO customers_search (customers_search) VALUES ('integrity-check')");
			expect(index.prepare(`SELECT count(*) FROM customers_search WHERE customers_search MATCH '"ann"'`).pluck().get()).toBeGreaterThan(10);
		} finally {
			index.close();
		}
	});

	it('say the index was not built when a derive worker could not write its entries, so the load fills it itself', async () => {
		const blockers: Record<string, (file: string) => void> = {
			// Nothing can be written there.
			'a folder in its place': file => fs.mkdirSync(file),
			// The file opens and reads, but takes none of this load's entries: an index built
			// from it would lack a worker's share of the rows.
			'a file that refuses its entries': file => {
				const entries = new Database(file);
				entries.exec('CREATE TABLE scratch_entries (rank INTEGER NOT NULL, search_text TEXT NOT NULL)');
				entries.close();
			},
		};
		for (const [what, block] of Object.entries(blockers)) {
			const scratchIndex = path.join(tempFolder(), '.scratch');
			block(scratchEntriesPath(scratchIndex, 0));
			// Every row still arrives: lost entries cost the load time, not rows.
			expect(await runPipeline(scratchIndex), what).toEqual({rows: count, built: false});
		}
	});
});

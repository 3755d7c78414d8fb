// Search latency as `npm run bench customers` measures it, for any store: every prefix of
// typed terms, and mixed long and short terms (median of five each). Shared by the SQLite
// and PostgreSQL sections so both engines are timed the same way in the same run.
import {listCustomers} from '../source/customers/customer-list.js';
import type {Db} from '../source/store/store.js';
import {percentile} from './support.js';

/** Each term is searched as typed, one prefix per key press: "m", "mü", "mül", ... */
export const typedTerms = ['müller', 'anna', 'zoë', 'qiang wang', '王小明', 'xyzzy', 'nordwind gmbh', 'kowalski', 'ller', '555 12', 'user99', 'tanaka kk', 'emma.s'];

/** A long term and a short one: the short one can only be answered from word starts. */
export const mixedTerms = ['anna m', 'anna mü', 'ann q', 'zoë x', 'wei z', 'emma s', 'müller a', 'kowalski k', 'user9 w', 'qiang w', 'sakura m', 'nordwind 4'];

export type SearchTimes = {typed: number[]; mixed: number[]; slowest: Array<[string, number]>};

export async function timeSearches(db: Db): Promise<SearchTimes> {
	const typed: number[] = [];
	const slowest: Array<[string, number]> = [];
	for (const term of typedTerms) {
		const characters = [...term];
		for (let length = 1; length <= characters.length; length++) {
			const search = characters.slice(0, length).join('');
			await listCustomers(db, {search, limit: 50});
			const start = performance.now();
			await listCustomers(db, {search, limit: 50});
			const took = performance.now() - start;
			typed.push(took);
			slowest.push([search, took]);
		}
	}
	const mixed: number[] = [];
	for (const term of mixedTerms) {
		await listCustomers(db, {search: term, limit: 50});
		const runs: number[] = [];
		for (let run = 0; run < 5; run++) {
			const start = performance.now();
			await listCustomers(db, {search: term, limit: 50});
			runs.push(performance.now() - start);
		}
		mixed.push(percentile(runs, 50));
	}
	slowest.sort((a, b) => b[1] - a[1]);
	return {typed, mixed, slowest: slowest.slice(0, 3)};
}

const fmt = (value: number) => value.toFixed(value < 10 ? 2 : 1);

export function searchLines(label: string, times: SearchTimes): string[] {
	return [
		`search   ${label}: ${times.typed.length} typed terms, first page: p50 ${fmt(percentile(times.typed, 50))} ms  p95 ${fmt(percentile(times.typed, 95))} ms  max ${fmt(Math.max(...times.typed))} ms (goal p95 <= 10 ms); slowest ${times.slowest.map(([term, ms]) => `"${term}" ${fmt(ms)}`).join(', ')}`,
		`search   ${label}: ${times.mixed.length} mixed long+short terms, median of 5 each: p50 ${fmt(percentile(times.mixed, 50))} ms  max ${fmt(Math.max(...times.mixed))} ms (goal <= 10 ms)`,
	];
}

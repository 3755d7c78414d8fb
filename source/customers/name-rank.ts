import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';
import {indexCustomerRows, unindexCustomerText} from './customer-search-index.js';

/**
 * A customer's place in name order as an integer with room around it. Ranks are spaced
 * `rankGap` apart when numbered from scratch; a new name takes the middle of the gap
 * between its neighbours, so about 24 names can land in one spot before the few ranks
 * around it are spread out again. 2^24 apart keeps a hundred million customers within
 * JavaScript's exact integers.
 */
export const rankGap = 2 ** 24;

type Neighbour = {id: number; name_rank: number};

const statements = statementCache(db => ({
	before: db.prepare<[string, number, number, number], Neighbour>(
		'SELECT id, name_rank FROM customers WHERE (name_key, id) < (?, ?) AND id <> ? ORDER BY name_key DESC, id DESC LIMIT ?'),
	after: db.prepare<[string, number, number, number], Neighbour>(
		'SELECT id, name_rank FROM customers WHERE (name_key, id) > (?, ?) AND id <> ? ORDER BY name_key, id LIMIT ?'),
	setRank: db.prepare('UPDATE customers SET name_rank = ? WHERE id = ?'),
	inNameOrder: db.prepare<[], number>('SELECT id FROM customers ORDER BY name_key, id').pluck(),
}));

/**
 * The rank for a customer with this name key and id (a new customer: an id above all
 * others), spreading out its neighbours' ranks when the gap is used up. Must run inside
 * the caller's transaction; the neighbours' search index entries move with them.
 */
export function rankFor(db: Database, nameKey: string, id: number): number {
	const s = statements(db);
	const previous = s.before.get(nameKey, id, id, 1);
	const next = s.after.get(nameKey, id, id, 1);
	const low = previous?.name_rank ?? 0;
	if (!next) return low + rankGap;
	if (next.name_rank - low >= 2) return low + Math.floor((next.name_rank - low) / 2);
	return spreadAround(db, nameKey, id);
}

/** Renumbers a growing window of neighbours evenly until there is room in the middle. */
function spreadAround(db: Database, nameKey: string, id: number): number {
	const s = statements(db);
	for (let window = 32; ; window *= 4) {
		const before = s.before.all(nameKey, id, id, window + 1).reverse();
		const after = s.after.all(nameKey, id, id, window + 1);
		// The row just outside each side bounds the window and keeps its rank.
		const low = before.length > window ? before.shift()!.name_rank : 0;
		const high = after.length > window ? after.pop()!.name_rank : (after.at(-1)?.name_rank ?? low) + rankGap * (after.length + 2);
		const slots = before.length + after.length + 2;
		const step = Math.floor((high - low) / slots);
		if (step < 2) continue;
		const moved = [...before, ...after];
		for (const row of moved) unindexCustomerText(db, row.name_rank);
		before.forEach((row, index) => s.setRank.run(low + step * (index + 1), row.id));
		after.forEach((row, index) => s.setRank.run(low + step * (before.length + 2 + index), row.id));
		indexCustomerRows(db, moved.map(row => row.id));
		return low + step * (before.length + 1);
	}
}

/** Numbers every customer from scratch in name order (bulk loads); the search indexes must be rebuilt after. */
export function renumberAllRanks(db: Database): void {
	// SQLite sorts (its collation defines the order); numbering row by row measured twice as
	// fast as one UPDATE ... FROM over a window function.
	const s = statements(db);
	s.inNameOrder.all().forEach((id, index) => s.setRank.run((index + 1) * rankGap, id));
}

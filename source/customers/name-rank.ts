import type {Database} from 'better-sqlite3';
import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {statementCache} from '../store/statements.js';
import {searchUpkeep} from './search-upkeep.js';

/**
 * A customer's place in name order as an integer with room around it. Ranks are spaced
 * `rankGap` apart when numbered from scratch; a new name takes the middle of the gap
 * between its neighbours, so about 24 names can land in one spot before the few ranks
 * around it are spread out again. 2^24 apart keeps a hundred million customers within
 * JavaScript's exact integers.
 */
export const rankGap = 2 ** 24;

type Neighbour = {id: number; name_rank: number};

function neighbours(db: Db, side: 'before' | 'after', nameKey: string, id: number, count: number): Promise<Neighbour[]> {
	const query = side === 'before'
		? sql<Neighbour>`SELECT id, name_rank FROM customers WHERE (name_key, id) < (${nameKey}, ${id}) AND id <> ${id} ORDER BY name_key DESC, id DESC LIMIT ${count}`
		: sql<Neighbour>`SELECT id, name_rank FROM customers WHERE (name_key, id) > (${nameKey}, ${id}) AND id <> ${id} ORDER BY name_key, id LIMIT ${count}`;
	return query.execute(db.db).then(result => result.rows);
}

/**
 * The rank for a customer with this name key and id (a new customer: an id above all
 * others), spreading out its neighbours' ranks when the gap is used up. Must run inside
 * the caller's write transaction, which holds the rank lock from here to its commit
 * (search-upkeep.ts); the neighbours' search index entries move with them.
 */
export async function rankFor(db: Db, nameKey: string, id: number): Promise<number> {
	await searchUpkeep(db).lockRanks(db);
	const [previous] = await neighbours(db, 'before', nameKey, id, 1);
	const [next] = await neighbours(db, 'after', nameKey, id, 1);
	const low = previous?.name_rank ?? 0;
	if (!next) return low + rankGap;
	if (next.name_rank - low >= 2) return low + Math.floor((next.name_rank - low) / 2);
	return spreadAround(db, nameKey, id);
}

/** Renumbers a growing window of neighbours evenly until there is room in the middle. */
async function spreadAround(db: Db, nameKey: string, id: number): Promise<number> {
	const upkeep = searchUpkeep(db);
	for (let window = 32; ; window *= 4) {
		const before = (await neighbours(db, 'before', nameKey, id, window + 1)).reverse();
		const after = await neighbours(db, 'after', nameKey, id, window + 1);
		// The row just outside each side bounds the window and keeps its rank.
		const low = before.length > window ? before.shift()!.name_rank : 0;
		const high = after.length > window ? after.pop()!.name_rank : (after.at(-1)?.name_rank ?? low) + rankGap * (after.length + 2);
		const slots = before.length + after.length + 2;
		const step = Math.floor((high - low) / slots);
		if (step < 2) continue;
		const moved = [...before, ...after];
		for (const row of moved) await upkeep.remove(db, row.name_rank);
		const ranks = [
			...before.map((row, index) => ({id: row.id, rank: low + step * (index + 1)})),
			...after.map((row, index) => ({id: row.id, rank: low + step * (before.length + 2 + index)})),
		];
		// Ranks are unique (PostgreSQL checks it at once): move every row out of the way first.
		// Negative ranks are never assigned otherwise.
		for (const {id: movedId} of ranks) await db.db.updateTable('customers').set({name_rank: -movedId}).where('id', '=', movedId).execute();
		for (const {id: movedId, rank} of ranks) await db.db.updateTable('customers').set({name_rank: rank}).where('id', '=', movedId).execute();
		await upkeep.addRows(db, moved.map(row => row.id));
		return low + step * (before.length + 1);
	}
}

const statements = statementCache(db => ({
	setRank: db.prepare('UPDATE customers SET name_rank = ? WHERE id = ?'),
	inNameOrder: db.prepare<[], number>('SELECT id FROM customers ORDER BY name_key, id').pluck(),
}));

/** Numbers every SQLite customer from scratch in name order (bulk loads); the search index must be rebuilt after. */
export function renumberAllRanks(db: Database): void {
	// SQLite sorts (its collation defines the order); numbering row by row measured twice as
	// fast as one UPDATE ... FROM over a window function.
	const s = statements(db);
	s.inNameOrder.all().forEach((id, index) => s.setRank.run((index + 1) * rankGap, id));
}

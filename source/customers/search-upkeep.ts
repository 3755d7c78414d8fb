import type {Db} from '../store/store.js';
import {sqliteSearchUpkeep} from './customer-search-index.js';
import {postgresSearchUpkeep} from './customer-search-postgres.js';

/** What a customer write must do for search and name order beyond its row, by engine. */
export type SearchUpkeep = {
	/** Before reading neighbours' ranks: only one transaction assigns ranks at a time. */
	lockRanks(db: Db): Promise<void>;
	/** A customer's search entry under its rank (SQLite's FTS5 is keyed by rank). */
	add(db: Db, rank: number, text: {substringText: string; searchWords: string}): Promise<void>;
	/** Removes the entry of the customer at `rank`, before its rank or searchable fields change. */
	remove(db: Db, rank: number): Promise<void>;
	/** Re-adds these customers under their current ranks. */
	addRows(db: Db, ids: readonly number[]): Promise<void>;
};

export function searchUpkeep(db: Db): SearchUpkeep {
	return db.engine === 'sqlite' ? sqliteSearchUpkeep : postgresSearchUpkeep;
}

import {sql} from 'kysely';
import type {Db} from '../store/store.js';

/**
 * The PostgreSQL side of search-upkeep.ts. Search keys are a column of the row (`search_keys`,
 * search-keys.ts) under a GIN index PostgreSQL maintains itself, so nothing moves with a rank.
 * Name ranks are read and assigned between neighbours: two sessions doing that at once could
 * pick the same rank, so it is serialised by a transaction-level advisory lock, held until
 * the assigning transaction commits.
 */
export const postgresSearchUpkeep = {
	async lockRanks(db: Db): Promise<void> {
		await sql`SELECT pg_advisory_xact_lock(hashtext('opsdesk customer name ranks'))`.execute(db.db);
	},
	async add(): Promise<void> {},
	async remove(): Promise<void> {},
	async addRows(): Promise<void> {},
};

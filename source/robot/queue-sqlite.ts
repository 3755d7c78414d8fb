import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {ExpiredLease, JobRow, QueueEngine, TakeRequest} from './queue-engine.js';
import {sleep} from './runner.js';

/**
 * The queue on SQLite (see queue-engine.ts). A write transaction holds the file's one write
 * lock from its first statement (BEGIN IMMEDIATE), so reading a row and then changing it needs
 * no row lock, and workers on the one machine poll: a poll is a few microseconds.
 */
export class SqliteQueueEngine implements QueueEngine {
	readonly idleMs = 500;

	async take(tx: Db, request: TakeRequest): Promise<JobRow | undefined> {
		// INDEXED BY: the planner prefers jobs_by_status and then sorts every queued job on each lease.
		const {rows} = await sql<JobRow>`UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = ${request.token},
			lease_owner = ${request.owner}, lease_expires_at = ${request.expires}, started_at = ${request.now}, updated_at = ${request.now},
			dry_run = ${request.dryRun ? 1 : 0}
			WHERE id = (SELECT id FROM jobs INDEXED BY jobs_ready WHERE status = 'queued' AND run_after <= ${request.now}${request.headless ? sql` AND needs_desktop = 0` : sql``}
				ORDER BY priority, created_at, id LIMIT 1)
			RETURNING *`.execute(tx.db);
		return rows[0];
	}

	async expired(tx: Db, now: string): Promise<ExpiredLease[]> {
		const {rows} = await sql<ExpiredLease>`SELECT id, attempts, max_attempts, lease_owner FROM jobs INDEXED BY jobs_leased
			WHERE status = 'running' AND lease_expires_at <= ${now}`.execute(tx.db);
		return rows;
	}

	lock(tx: Db, jobId: number): Promise<JobRow | undefined> {
		return tx.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
	}

	async announce(): Promise<void> {}

	leasing(): void {}

	waitForWork(ms: number, signal: AbortSignal): Promise<void> {
		return sleep(ms, signal).catch(() => {});
	}

	async clockOffset(): Promise<number> {
		return 0;
	}

	async close(): Promise<void> {}
}

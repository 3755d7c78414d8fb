import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {ExpiredLease, JobRow, QueueEngine, TakeRequest} from './queue-engine.js';
import {JobNotices, jobChannel} from './job-notices.js';

/** How often the database's clock is read again (a host's clock may be stepped by NTP meanwhile). */
const clockCheckMs = 60_000;

/**
 * The queue on PostgreSQL (see queue-engine.ts), as pg-boss and graphile-worker keep theirs:
 * workers on many hosts lease with `FOR UPDATE SKIP LOCKED`, so each takes a different job
 * without waiting for the others; a check followed by a write holds the job's row; idle
 * workers LISTEN and are woken by a NOTIFY sent when a job is queued or its due time changes,
 * with a slow poll as a safety net. Lease times are on the database's clock, which every host
 * shares, not on each host's own.
 */
export class PostgresQueueEngine implements QueueEngine {
	readonly idleMs = 5000;
	private readonly notices?: JobNotices;
	private offset?: {ms: number; at: number};

	/** `url`: where to LISTEN; without it (a transaction's Db) idle workers only poll. */
	constructor(url?: string) {
		if (url) this.notices = new JobNotices(url);
	}

	async take(tx: Db, request: TakeRequest): Promise<JobRow | undefined> {
		const {rows} = await sql<JobRow>`UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = ${request.token},
			lease_owner = ${request.owner}, lease_expires_at = ${request.expires}, started_at = ${request.now}, updated_at = ${request.now},
			dry_run = ${request.dryRun ? 1 : 0}
			WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ${request.now}${request.headless ? sql` AND needs_desktop = 0` : sql``}
				ORDER BY priority, created_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
			RETURNING *`.execute(tx.db);
		return rows[0];
	}

	async expired(tx: Db, now: string): Promise<ExpiredLease[]> {
		// A job whose row another worker holds right now (it is writing its last step) is passed
		// by: the next lease looks again.
		const {rows} = await sql<ExpiredLease>`SELECT id, attempts, max_attempts, lease_owner FROM jobs
			WHERE status = 'running' AND lease_expires_at <= ${now} FOR UPDATE SKIP LOCKED`.execute(tx.db);
		return rows;
	}

	lock(tx: Db, jobId: number): Promise<JobRow | undefined> {
		return tx.db.selectFrom('jobs').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirst();
	}

	async announce(tx: Db): Promise<void> {
		// Delivered when tx commits, to every LISTENing worker on every host; several in one
		// transaction are delivered once.
		await sql`SELECT pg_notify(${jobChannel}, '')`.execute(tx.db);
	}

	leasing(): void {
		this.notices?.consume();
	}

	waitForWork(ms: number, signal: AbortSignal): Promise<void> {
		if (!this.notices) return new Promise(resolve => {
			const timer = setTimeout(resolve, ms);
			signal.addEventListener('abort', () => {
				clearTimeout(timer);
				resolve();
			}, {once: true});
		});
		return this.notices.wait(ms, signal);
	}

	async clockOffset(db: Db): Promise<number> {
		const now = Date.now();
		if (this.offset && now - this.offset.at < clockCheckMs) return this.offset.ms;
		const before = Date.now();
		const {rows} = await sql<{ms: number}>`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`.execute(db.db);
		const after = Date.now();
		// The server read its clock about halfway through the round trip.
		const ms = Math.round(rows[0]!.ms - (before + after) / 2);
		this.offset = {ms, at: after};
		return ms;
	}

	async close(): Promise<void> {
		await this.notices?.close();
	}
}

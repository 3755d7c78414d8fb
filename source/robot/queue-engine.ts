import type {Selectable} from 'kysely';
import type {Db} from '../store/store.js';
import type {JobsTable} from '../store/tables.js';

/** A jobs row as stored. */
export type JobRow = Selectable<JobsTable>;

export type TakeRequest = {now: string; token: string; owner: string; expires: string; dryRun: boolean; headless?: boolean};

/** A running job whose lease ran out, as the reclaim needs it. */
export type ExpiredLease = Pick<JobRow, 'id' | 'attempts' | 'max_attempts' | 'lease_owner'>;

/**
 * What the robot queue does differently on each engine (source/robot/queue-sqlite.ts,
 * queue-postgres.ts); everything else is shared in job-queue.ts. On SQLite every write
 * transaction holds the one write lock, so plain reads decide; on PostgreSQL several workers
 * write at once, so rows are locked (`FOR UPDATE`) and leasing skips rows another worker holds
 * (`SKIP LOCKED`) instead of waiting for them.
 */
export interface QueueEngine {
	/** Marks the next ready job (priority, then age, then id) running under this lease and resolves to its row. */
	take(tx: Db, request: TakeRequest): Promise<JobRow | undefined>;
	/** Running jobs whose lease expired at `now`, held for this transaction (other workers pass them by). */
	expired(tx: Db, now: string): Promise<ExpiredLease[]>;
	/** The job's row, held until the transaction ends, so that no reclaim or cancel slips in between a check and a write. */
	lock(tx: Db, jobId: number): Promise<JobRow | undefined>;
	/** Tells idle workers, when `tx` commits, that a job is ready or its due time changed. */
	announce(tx: Db): Promise<void>;
	/** Resolves after `ms`, or earlier when work may have appeared (an announcement since the last lease). */
	waitForWork(ms: number, signal: AbortSignal): Promise<void>;
	/** A lease attempt starts: announcements before it are answered by it. */
	leasing(): void;
	/** Milliseconds to add to this host's clock to get the database's (0 on SQLite: one machine). */
	clockOffset(db: Db): Promise<number>;
	/** How long an idle worker sleeps when nothing is announced: a safety net on PostgreSQL, the poll on SQLite. */
	readonly idleMs: number;
	close(): Promise<void>;
}

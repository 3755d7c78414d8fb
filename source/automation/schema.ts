import type {Database} from 'better-sqlite3';

/**
 * Migration 7: automation — segments, batches, schedules, record triggers, the email outbox
 * and secrets (source/automation/schema-postgres.ts is the same in PostgreSQL's words).
 *
 * - `segments` are saved customer views; their definition is JSON (segment-definition.ts).
 * - `batches` group the jobs one `robot enqueue --segment` (or one schedule run over a segment)
 *   made, for their progress.
 * - `schedules` and `triggers` keep a copy of their robot file and images, as a queued job does:
 *   a worker on another host fires them without the robots folder.
 * - `schedule_runs` is the "exactly once" of a schedule: one row per (schedule, due time), and the
 *   jobs of that due time are made in the transaction that inserts it. `jobs_once_per_due_time`
 *   says the same per customer.
 * - Jobs say where they came from (batch, schedule and due time, trigger and how deep in a
 *   chain of triggers) and whether their robot needs a desktop (a worker without a display
 *   leases only those that do not).
 * - `job_emails` is the email step's outbox: the Message-ID is committed before the message is
 *   sent, so a rerun after a crash knows the message may already be out.
 * - `secrets` hold only AES-256-GCM ciphertext; the key lives in a file, never in the database.
 */
export function createAutomationSchema(db: Database): void {
	db.exec(`
		CREATE TABLE segments (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			definition TEXT NOT NULL,
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		);
		CREATE UNIQUE INDEX segments_by_name ON segments (lower(name));

		CREATE TABLE batches (
			id INTEGER PRIMARY KEY,
			robot TEXT NOT NULL,
			segment TEXT,
			schedule TEXT,
			created_at TEXT NOT NULL,
			created_by TEXT NOT NULL,
			jobs INTEGER NOT NULL,
			skipped INTEGER NOT NULL DEFAULT 0
		);

		CREATE TABLE schedules (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			robot TEXT NOT NULL,
			robot_file TEXT NOT NULL,
			robot_text TEXT NOT NULL,
			robot_images TEXT NOT NULL DEFAULT '[]',
			needs_desktop INTEGER NOT NULL CHECK (needs_desktop IN (0, 1)),
			segment_id INTEGER REFERENCES segments (id),
			customer_id INTEGER REFERENCES customers (id),
			cron TEXT NOT NULL,
			timezone TEXT NOT NULL,
			skip_dates TEXT NOT NULL DEFAULT '[]',
			paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
			priority INTEGER NOT NULL DEFAULT 1 CHECK (priority IN (0, 1, 2)),
			max_attempts INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL,
			-- Due times up to this one are done (fired, or before the schedule was added or resumed).
			last_due_at TEXT NOT NULL,
			next_due_at TEXT,
			CHECK (segment_id IS NULL OR customer_id IS NULL)
		);
		CREATE UNIQUE INDEX schedules_by_name ON schedules (lower(name));
		CREATE INDEX schedules_due ON schedules (next_due_at) WHERE paused = 0;

		CREATE TABLE schedule_runs (
			schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
			due_at TEXT NOT NULL,
			fired_at TEXT NOT NULL,
			fired_by TEXT NOT NULL,
			jobs INTEGER NOT NULL,
			missed INTEGER NOT NULL DEFAULT 0,
			batch_id INTEGER REFERENCES batches (id),
			note TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (schedule_id, due_at)
		) WITHOUT ROWID;

		CREATE TABLE triggers (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			robot TEXT NOT NULL,
			robot_file TEXT NOT NULL,
			robot_text TEXT NOT NULL,
			robot_images TEXT NOT NULL DEFAULT '[]',
			needs_desktop INTEGER NOT NULL CHECK (needs_desktop IN (0, 1)),
			event TEXT NOT NULL,
			from_status TEXT,
			to_status TEXT,
			tag TEXT,
			kind TEXT,
			direction TEXT,
			segment_id INTEGER REFERENCES segments (id),
			paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
			priority INTEGER NOT NULL DEFAULT 1 CHECK (priority IN (0, 1, 2)),
			max_attempts INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		);
		CREATE UNIQUE INDEX triggers_by_name ON triggers (lower(name));
		CREATE INDEX triggers_by_event ON triggers (event) WHERE paused = 0;

		ALTER TABLE jobs ADD COLUMN batch_id INTEGER REFERENCES batches (id);
		ALTER TABLE jobs ADD COLUMN schedule TEXT;
		ALTER TABLE jobs ADD COLUMN scheduled_for TEXT;
		ALTER TABLE jobs ADD COLUMN trigger_name TEXT;
		ALTER TABLE jobs ADD COLUMN trigger_depth INTEGER NOT NULL DEFAULT 0;
		ALTER TABLE jobs ADD COLUMN needs_desktop INTEGER NOT NULL DEFAULT 1 CHECK (needs_desktop IN (0, 1));
		CREATE UNIQUE INDEX jobs_once_per_due_time ON jobs (schedule, scheduled_for, coalesce(customer_id, 0)) WHERE schedule IS NOT NULL;
		CREATE INDEX jobs_by_batch ON jobs (batch_id, status) WHERE batch_id IS NOT NULL;
		CREATE INDEX jobs_by_trigger ON jobs (trigger_name, id) WHERE trigger_name IS NOT NULL;
		CREATE INDEX jobs_pending_by_robot ON jobs (robot, customer_id) WHERE status IN ('queued', 'running');

		CREATE TABLE job_emails (
			job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
			step INTEGER NOT NULL,
			pass TEXT NOT NULL DEFAULT '',
			message_id TEXT NOT NULL,
			recipients TEXT NOT NULL,
			subject TEXT NOT NULL,
			state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'refused', 'resend')),
			attempt INTEGER NOT NULL,
			prepared_at TEXT NOT NULL,
			sent_at TEXT,
			server_reply TEXT,
			PRIMARY KEY (job_id, step, pass)
		) WITHOUT ROWID;

		CREATE TABLE secrets (
			name TEXT PRIMARY KEY,
			sealed TEXT NOT NULL,
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		) WITHOUT ROWID;
	`);
}

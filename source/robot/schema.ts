import type {Database} from 'better-sqlite3';

/**
 * Migration 2: the robot queue.
 *
 * `jobs` is the queue: workers lease the first ready job by (priority, created_at, id)
 * through `jobs_ready`. A lease is a random token with an expiry; every write a worker makes
 * for a job names the token, so a worker that lost its lease (crashed, stalled, cancelled)
 * can no longer change the job. `job_effects` remembers which `log`/`update` steps already
 * changed the database, committed together with that step's log row: a rerun skips them.
 */
export function createRobotSchema(db: Database): void {
	db.exec(`
		CREATE TABLE jobs (
			id INTEGER PRIMARY KEY,
			robot TEXT NOT NULL,
			robot_file TEXT NOT NULL,
			robot_text TEXT NOT NULL,
			customer_id INTEGER REFERENCES customers (id),
			priority INTEGER NOT NULL DEFAULT 1 CHECK (priority IN (0, 1, 2)),
			status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
			attempts INTEGER NOT NULL DEFAULT 0,
			max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
			-- Attempts each enqueue or jobs retry grants: a retry raises max_attempts by this.
			attempts_granted INTEGER NOT NULL CHECK (attempts_granted >= 1),
			run_after TEXT NOT NULL,
			lease_token TEXT,
			lease_owner TEXT,
			lease_expires_at TEXT,
			created_at TEXT NOT NULL,
			started_at TEXT,
			finished_at TEXT,
			updated_at TEXT NOT NULL,
			last_error TEXT
		);
		CREATE INDEX jobs_ready ON jobs (priority, created_at, id) WHERE status = 'queued';
		CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status = 'running';
		CREATE INDEX jobs_by_status ON jobs (status, id);
		CREATE INDEX jobs_by_customer ON jobs (customer_id, id);

		CREATE TABLE job_logs (
			id INTEGER PRIMARY KEY,
			job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
			attempt INTEGER NOT NULL,
			step INTEGER,
			at TEXT NOT NULL,
			level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
			message TEXT NOT NULL,
			duration_ms INTEGER,
			screenshot TEXT
		);
		CREATE INDEX job_logs_by_job ON job_logs (job_id, id);

		CREATE TABLE job_effects (
			job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
			step INTEGER NOT NULL,
			attempt INTEGER NOT NULL,
			at TEXT NOT NULL,
			PRIMARY KEY (job_id, step)
		) WITHOUT ROWID;
	`);
}

/**
 * Migration 4: `dry_run` marks a job whose last attempt ran on the dry-run driver, which
 * performs nothing: `jobs list/show` and the Robots tab say so, and reports leave it out.
 */
export function addDryRunMarker(db: Database): void {
	db.exec('ALTER TABLE jobs ADD COLUMN dry_run INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1))');
}

/**
 * Migration 5: robots that see.
 * - `robot_images` holds each PNG a robot looks for once, by its SHA-256; `job_images` says
 *   which a job uses under which name. A job carries its images as it carries its robot's
 *   text: a worker on another host runs it without the robot's folder, and editing an image
 *   later does not change jobs already queued.
 * - `job_effects` is keyed by step and pass: a `log` or `update` inside a `repeat` is applied
 *   once per pass (`2`, or `2.1` inside two repeats), and a rerun skips the passes already done.
 */
export function addRobotImagesAndPasses(db: Database): void {
	db.exec(`
		CREATE TABLE robot_images (
			sha256 TEXT PRIMARY KEY,
			png BLOB NOT NULL
		) WITHOUT ROWID;

		CREATE TABLE job_images (
			job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
			name TEXT NOT NULL,
			sha256 TEXT NOT NULL REFERENCES robot_images (sha256),
			PRIMARY KEY (job_id, name)
		) WITHOUT ROWID;

		CREATE TABLE job_effects_by_pass (
			job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
			step INTEGER NOT NULL,
			pass TEXT NOT NULL DEFAULT '',
			attempt INTEGER NOT NULL,
			at TEXT NOT NULL,
			PRIMARY KEY (job_id, step, pass)
		) WITHOUT ROWID;
		INSERT INTO job_effects_by_pass (job_id, step, pass, attempt, at) SELECT job_id, step, '', attempt, at FROM job_effects;
		DROP TABLE job_effects;
		ALTER TABLE job_effects_by_pass RENAME TO job_effects;
	`);
}

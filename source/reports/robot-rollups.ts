import type {Database} from 'better-sqlite3';

/**
 * Part of migration 3: per UTC month, robot and outcome, how many jobs finished and how long
 * their last attempt ran, in buckets of two significant digits (1.234 s counts as 1.2 s).
 * Kept by triggers because the robot queue (source/robot/) writes `jobs`; a job counts when
 * it reaches succeeded or failed and stops counting if it leaves that status (a retry).
 * The report reads whole months here and only the cut days at a range's ends from `jobs`,
 * so its cost does not grow with the number of jobs.
 */
export const jobDurationBucketSql = (started: string, finished: string) => {
	const ms = `round((unixepoch(${finished}, 'subsec') - unixepoch(${started}, 'subsec')) * 1000)`;
	// Below 100 ms exact; above, rounded to two significant digits (10^(digits - 2)).
	const step = `CAST('1' || substr('0000000000', 1, length(CAST(${ms} AS INTEGER)) - 2) AS INTEGER)`;
	// -1: no usable run time (never started, or a time SQLite cannot read); never NULL, so a
	// trigger can never make the robot queue's own write fail.
	return `CASE WHEN ${ms} IS NULL THEN -1
		WHEN ${ms} < 100 THEN CAST(max(0, ${ms}) AS INTEGER)
		ELSE CAST(round(${ms} / ${step}) * ${step} AS INTEGER) END`;
};

export function createRobotReportRollups(db: Database): void {
	const bucket = (row: 'new' | 'old') => jobDurationBucketSql(`${row}.started_at`, `${row}.finished_at`);
	const add = (row: 'new' | 'old', sign: 1 | -1) => `
		INSERT INTO job_monthly (month, robot, status, duration_bucket, jobs)
			VALUES (substr(${row}.finished_at, 1, 7), ${row}.robot, ${row}.status, ${bucket(row)}, ${sign})
			ON CONFLICT (month, robot, status, duration_bucket) DO UPDATE SET jobs = jobs + excluded.jobs;`;
	const finished = (row: 'new' | 'old') => `${row}.status IN ('succeeded', 'failed') AND ${row}.finished_at IS NOT NULL`;
	db.exec(`
		CREATE TABLE job_monthly (
			month TEXT NOT NULL,
			robot TEXT NOT NULL,
			status TEXT NOT NULL,
			duration_bucket INTEGER NOT NULL,
			jobs INTEGER NOT NULL,
			PRIMARY KEY (month, robot, status, duration_bucket)
		) WITHOUT ROWID;
		INSERT INTO job_monthly (month, robot, status, duration_bucket, jobs)
			SELECT substr(finished_at, 1, 7), robot, status, ${jobDurationBucketSql('started_at', 'finished_at')}, count(*)
			FROM jobs WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL GROUP BY 1, 2, 3, 4;
		CREATE TRIGGER job_monthly_insert AFTER INSERT ON jobs WHEN ${finished('new')} BEGIN ${add('new', 1)} END;
		CREATE TRIGGER job_monthly_delete AFTER DELETE ON jobs WHEN ${finished('old')} BEGIN ${add('old', -1)} END;
		CREATE TRIGGER job_monthly_leave AFTER UPDATE OF status, finished_at, started_at, robot ON jobs WHEN ${finished('old')} BEGIN ${add('old', -1)} END;
		CREATE TRIGGER job_monthly_enter AFTER UPDATE OF status, finished_at, started_at, robot ON jobs WHEN ${finished('new')} BEGIN ${add('new', 1)} END;
		-- The cut days at a range's ends: jobs finished then, covering what the report reads.
		CREATE INDEX jobs_finished_for_reports ON jobs (finished_at, robot, status, started_at) WHERE finished_at IS NOT NULL;
	`);
}

/**
 * Part of migration 4: a dry run (source/robot/) finishes jobs that did nothing, so they stay out
 * of the robot figures. The triggers and the cut-day index are redefined with that condition;
 * the rollup is rebuilt from the jobs that count.
 */
export function excludeDryRunsFromRobotRollups(db: Database): void {
	const bucket = (row: 'new' | 'old') => jobDurationBucketSql(`${row}.started_at`, `${row}.finished_at`);
	const add = (row: 'new' | 'old', sign: 1 | -1) => `
		INSERT INTO job_monthly (month, robot, status, duration_bucket, jobs)
			VALUES (substr(${row}.finished_at, 1, 7), ${row}.robot, ${row}.status, ${bucket(row)}, ${sign})
			ON CONFLICT (month, robot, status, duration_bucket) DO UPDATE SET jobs = jobs + excluded.jobs;`;
	const counts = (row: 'new' | 'old') => `${row}.status IN ('succeeded', 'failed') AND ${row}.finished_at IS NOT NULL AND ${row}.dry_run = 0`;
	const columns = 'status, finished_at, started_at, robot, dry_run';
	db.exec(`
		DROP TRIGGER job_monthly_insert;
		DROP TRIGGER job_monthly_delete;
		DROP TRIGGER job_monthly_leave;
		DROP TRIGGER job_monthly_enter;
		DROP INDEX jobs_finished_for_reports;
		CREATE TRIGGER job_monthly_insert AFTER INSERT ON jobs WHEN ${counts('new')} BEGIN ${add('new', 1)} END;
		CREATE TRIGGER job_monthly_delete AFTER DELETE ON jobs WHEN ${counts('old')} BEGIN ${add('old', -1)} END;
		CREATE TRIGGER job_monthly_leave AFTER UPDATE OF ${columns} ON jobs WHEN ${counts('old')} BEGIN ${add('old', -1)} END;
		CREATE TRIGGER job_monthly_enter AFTER UPDATE OF ${columns} ON jobs WHEN ${counts('new')} BEGIN ${add('new', 1)} END;
		CREATE INDEX jobs_finished_for_reports ON jobs (finished_at, robot, status, started_at) WHERE finished_at IS NOT NULL AND dry_run = 0;
	`);
}

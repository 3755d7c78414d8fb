import type {Database} from 'better-sqlite3';

/**
 * Migration 11: the robot figures of `job_monthly` (source/reports/robot-rollups.ts) per
 * calendar quarter (`job_quarterly`, `2026-Q1`) and year (`job_yearly`, `2026`). Run times
 * are kept in buckets of two significant digits, some 700 rows a month, so a year's figures
 * read 8,700 rows (4-5 ms, the largest part of a Reports tab key); from these a year reads
 * one year's rows and a quarter one quarter's.
 *
 * Kept by triggers on `job_monthly`, itself kept by triggers on `jobs`: whatever changes a
 * month's counts changes its quarter's and year's. A row left with no jobs goes, so each
 * stays a function of `job_monthly`'s rows. SQLite here, PostgreSQL below.
 */
export function createRobotPeriodRollups(db: Database): void {
	const quarterOf = (row: string) => `substr(${row}.month, 1, 5) || 'Q' || ((CAST(substr(${row}.month, 6, 2) AS INTEGER) + 2) / 3)`;
	const yearOf = (row: string) => `substr(${row}.month, 1, 4)`;
	const apply = (row: 'new' | 'old', sign: '+' | '-') => ([['job_quarterly', 'quarter', quarterOf], ['job_yearly', 'year', yearOf]] as const).map(([table, column, periodOf]) => `
		INSERT INTO ${table} (${column}, robot, status, duration_bucket, jobs)
			VALUES (${periodOf(row)}, ${row}.robot, ${row}.status, ${row}.duration_bucket, ${sign}${row}.jobs)
			ON CONFLICT (${column}, robot, status, duration_bucket) DO UPDATE SET jobs = jobs + excluded.jobs;
		DELETE FROM ${table} WHERE ${column} = ${periodOf(row)} AND robot = ${row}.robot AND status = ${row}.status
			AND duration_bucket = ${row}.duration_bucket AND jobs = 0;`).join('');
	const table = (name: string, column: string, periodOf: typeof quarterOf) => `
		CREATE TABLE ${name} (
			${column} TEXT NOT NULL,
			robot TEXT NOT NULL,
			status TEXT NOT NULL,
			duration_bucket INTEGER NOT NULL,
			jobs INTEGER NOT NULL,
			PRIMARY KEY (${column}, robot, status, duration_bucket)
		) WITHOUT ROWID;
		INSERT INTO ${name} (${column}, robot, status, duration_bucket, jobs)
			SELECT ${periodOf('job_monthly')}, robot, status, duration_bucket, sum(jobs) FROM job_monthly GROUP BY 1, 2, 3, 4 HAVING sum(jobs) <> 0;`;
	db.exec(`
		${table('job_quarterly', 'quarter', quarterOf)}
		${table('job_yearly', 'year', yearOf)}
		CREATE TRIGGER job_periods_insert AFTER INSERT ON job_monthly BEGIN ${apply('new', '+')} END;
		CREATE TRIGGER job_periods_delete AFTER DELETE ON job_monthly BEGIN ${apply('old', '-')} END;
		CREATE TRIGGER job_periods_update AFTER UPDATE ON job_monthly BEGIN ${apply('old', '-')} ${apply('new', '+')} END;
	`);
}

const quarterOfPostgres = (row: string) => `substr(${row}.month, 1, 5) || 'Q' || ((substr(${row}.month, 6, 2)::int + 2) / 3)`;
const yearOfPostgres = (row: string) => `substr(${row}.month, 1, 4)`;

const applyPostgres = (row: 'NEW' | 'OLD', sign: '+' | '-') => ([['job_quarterly', 'quarter', quarterOfPostgres], ['job_yearly', 'year', yearOfPostgres]] as const).map(([table, column, periodOf]) => `
		INSERT INTO ${table} (${column}, robot, status, duration_bucket, jobs)
			VALUES (${periodOf(row)}, ${row}.robot, ${row}.status, ${row}.duration_bucket, ${sign}${row}.jobs)
			ON CONFLICT (${column}, robot, status, duration_bucket) DO UPDATE SET jobs = ${table}.jobs + excluded.jobs;
		DELETE FROM ${table} WHERE ${column} = ${periodOf(row)} AND robot = ${row}.robot AND status = ${row}.status
			AND duration_bucket = ${row}.duration_bucket AND jobs = 0;`).join('');

const tablePostgres = (name: string, column: string, periodOf: typeof quarterOfPostgres) => `
	CREATE TABLE ${name} (
		${column} text COLLATE "C" NOT NULL,
		robot text COLLATE "C" NOT NULL,
		status text COLLATE "C" NOT NULL,
		duration_bucket bigint NOT NULL,
		jobs bigint NOT NULL,
		PRIMARY KEY (${column}, robot, status, duration_bucket)
	);
	INSERT INTO ${name} (${column}, robot, status, duration_bucket, jobs)
		SELECT ${periodOf('job_monthly')}, robot, status, duration_bucket, sum(jobs) FROM job_monthly GROUP BY 1, 2, 3, 4 HAVING sum(jobs) <> 0;`;

/**
 * PostgreSQL: a row trigger, as `job_monthly`'s own on `jobs` (the robot queue writes a job
 * at a time). Run after the row it follows is written, in the same transaction.
 */
export const robotPeriodRollupsPostgres = `
	${tablePostgres('job_quarterly', 'quarter', quarterOfPostgres)}
	${tablePostgres('job_yearly', 'year', yearOfPostgres)}
	CREATE FUNCTION opsdesk_job_periods() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP IN ('DELETE', 'UPDATE') THEN ${applyPostgres('OLD', '-')}
		END IF;
		IF TG_OP IN ('INSERT', 'UPDATE') THEN ${applyPostgres('NEW', '+')}
		END IF;
		RETURN NULL;
	END $$;
	CREATE TRIGGER job_periods_change AFTER INSERT OR DELETE OR UPDATE ON job_monthly
		FOR EACH ROW EXECUTE FUNCTION opsdesk_job_periods();
`;

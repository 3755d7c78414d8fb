import type {Database} from 'better-sqlite3';
import {calendarPeriods, rowTriggersSqlite, type CalendarPeriod} from './period-rollup-sql.js';

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
	const periods = calendarPeriods('job', 'sqlite');
	const apply = (row: 'new' | 'old', sign: '+' | '-') => periods.map(({table, column, of}) => `
		INSERT INTO ${table} (${column}, robot, status, duration_bucket, jobs)
			VALUES (${of(row)}, ${row}.robot, ${row}.status, ${row}.duration_bucket, ${sign}${row}.jobs)
			ON CONFLICT (${column}, robot, status, duration_bucket) DO UPDATE SET jobs = jobs + excluded.jobs;
		DELETE FROM ${table} WHERE ${column} = ${of(row)} AND robot = ${row}.robot AND status = ${row}.status
			AND duration_bucket = ${row}.duration_bucket AND jobs = 0;`).join('');
	const table = ({table: name, column, of: periodOf}: CalendarPeriod) => `
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
		${periods.map(table).join('')}
		${rowTriggersSqlite('job_periods', 'job_monthly', apply)}
	`);
}

const periodsPostgres = calendarPeriods('job', 'postgres');

const applyPostgres = (row: 'NEW' | 'OLD', sign: '+' | '-') => periodsPostgres.map(({table, column, of}) => `
		INSERT INTO ${table} (${column}, robot, status, duration_bucket, jobs)
			VALUES (${of(row)}, ${row}.robot, ${row}.status, ${row}.duration_bucket, ${sign}${row}.jobs)
			ON CONFLICT (${column}, robot, status, duration_bucket) DO UPDATE SET jobs = ${table}.jobs + excluded.jobs;
		DELETE FROM ${table} WHERE ${column} = ${of(row)} AND robot = ${row}.robot AND status = ${row}.status
			AND duration_bucket = ${row}.duration_bucket AND jobs = 0;`).join('');

const tablePostgres = ({table: name, column, of: periodOf}: CalendarPeriod) => `
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
	${periodsPostgres.map(tablePostgres).join('')}
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

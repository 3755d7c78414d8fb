/**
 * The robot rollup of source/reports/robot-rollups.ts on PostgreSQL: per UTC month, robot and
 * outcome, how many jobs finished, by run time in buckets of two significant digits, kept by a
 * trigger on `jobs` because the robot queue writes that table.
 */
function rollupTrigger(counts: (row: 'NEW' | 'OLD') => string): string {
	return `
	CREATE OR REPLACE FUNCTION opsdesk_job_monthly() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP IN ('DELETE', 'UPDATE') AND ${counts('OLD')} THEN
			INSERT INTO job_monthly (month, robot, status, duration_bucket, jobs)
				VALUES (substr(OLD.finished_at, 1, 7), OLD.robot, OLD.status, opsdesk_duration_bucket(OLD.started_at, OLD.finished_at), -1)
				ON CONFLICT (month, robot, status, duration_bucket) DO UPDATE SET jobs = job_monthly.jobs + excluded.jobs;
		END IF;
		IF TG_OP IN ('INSERT', 'UPDATE') AND ${counts('NEW')} THEN
			INSERT INTO job_monthly (month, robot, status, duration_bucket, jobs)
				VALUES (substr(NEW.finished_at, 1, 7), NEW.robot, NEW.status, opsdesk_duration_bucket(NEW.started_at, NEW.finished_at), 1)
				ON CONFLICT (month, robot, status, duration_bucket) DO UPDATE SET jobs = job_monthly.jobs + excluded.jobs;
		END IF;
		RETURN NULL;
	END $$;`;
}

/** Part of migration 3 on PostgreSQL. */
export const robotReportRollupsPostgres = `
	-- Run time in ms, exact below 100 ms, else rounded to two significant digits; -1 when there
	-- is no usable run time, never NULL, so the trigger can never make the queue's write fail.
	CREATE FUNCTION opsdesk_duration_bucket(started text, finished text) RETURNS bigint
		LANGUAGE plpgsql STABLE AS $$
	DECLARE
		ms numeric;
		step numeric;
	BEGIN
		IF started IS NULL OR finished IS NULL THEN RETURN -1; END IF;
		BEGIN
			ms := round(extract(epoch FROM (finished::timestamptz - started::timestamptz)) * 1000);
		EXCEPTION WHEN others THEN
			RETURN -1;
		END;
		IF ms < 100 THEN RETURN greatest(0, ms)::bigint; END IF;
		step := power(10, length(ms::bigint::text) - 2);
		RETURN (round(ms / step) * step)::bigint;
	END $$;

	CREATE TABLE job_monthly (
		month text COLLATE "C" NOT NULL,
		robot text COLLATE "C" NOT NULL,
		status text COLLATE "C" NOT NULL,
		duration_bucket bigint NOT NULL,
		jobs bigint NOT NULL,
		PRIMARY KEY (month, robot, status, duration_bucket)
	);
	${rollupTrigger(row => `${row}.status IN ('succeeded', 'failed') AND ${row}.finished_at IS NOT NULL`)}
	CREATE TRIGGER job_monthly_change AFTER INSERT OR DELETE OR UPDATE OF status, finished_at, started_at, robot ON jobs
		FOR EACH ROW EXECUTE FUNCTION opsdesk_job_monthly();
	CREATE INDEX jobs_finished_for_reports ON jobs (finished_at, robot, status, started_at) WHERE finished_at IS NOT NULL;
`;

/** Part of migration 4 on PostgreSQL: dry-run jobs stay out of the robot figures. */
export const excludeDryRunsPostgres = `
	${rollupTrigger(row => `${row}.status IN ('succeeded', 'failed') AND ${row}.finished_at IS NOT NULL AND ${row}.dry_run = 0`)}
	DROP TRIGGER job_monthly_change ON jobs;
	CREATE TRIGGER job_monthly_change AFTER INSERT OR DELETE OR UPDATE OF status, finished_at, started_at, robot, dry_run ON jobs
		FOR EACH ROW EXECUTE FUNCTION opsdesk_job_monthly();
	DROP INDEX jobs_finished_for_reports;
	CREATE INDEX jobs_finished_for_reports ON jobs (finished_at, robot, status, started_at) WHERE finished_at IS NOT NULL AND dry_run = 0;
`;

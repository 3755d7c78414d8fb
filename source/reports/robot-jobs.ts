import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {indexedBy} from '../store/engine-sql.js';
import {calendarPiecesOf, dayAfter, splitByMonths, type ReportRange} from './report-range.js';
import {jobDurationBucketSql} from './robot-rollups.js';

export type RobotFigures = {robot: string; succeeded: number; failed: number; median_ms: number | null};

type BucketRow = {robot: string; status: 'succeeded' | 'failed'; bucket: number; jobs: number};

/**
 * Per robot, the jobs that finished in the range as succeeded or failed, and the median run
 * time of their last attempt (`finished_at - started_at`, to two significant digits). Whole
 * years, quarters and months come from the `job_yearly`, `job_quarterly` and `job_monthly`
 * rollups, the cut days at either end from `jobs`.
 */
export async function robotFigures(db: Db, range: ReportRange): Promise<RobotFigures[]> {
	const split = splitByMonths(range);
	const rows: BucketRow[] = [];
	if (split.months) {
		// Whole years and quarters from their own rollups: a year is 700 rows, not 8,700.
		const pieces = calendarPiecesOf(split.months);
		for (const [table, column, keys] of [['job_yearly', 'year', pieces.years], ['job_quarterly', 'quarter', pieces.quarters], ['job_monthly', 'month', pieces.months]] as const) {
			if (keys.length === 0) continue;
			rows.push(...(await sql<BucketRow>`
				SELECT robot, status, duration_bucket AS bucket, sum(jobs) AS jobs FROM ${sql.table(table)}
				WHERE ${sql.ref(column)} IN (${sql.join(keys)}) GROUP BY robot, status, duration_bucket`.execute(db.db)).rows);
		}
	}
	// The same buckets the rollup's trigger computes, in each engine's own words.
	const bucket = db.engine === 'sqlite' ? sql.raw(jobDurationBucketSql('started_at', 'finished_at')) : sql.raw('opsdesk_duration_bucket(started_at, finished_at)');
	for (const edge of split.edges) {
		rows.push(...(await sql<BucketRow>`
			SELECT robot, status, ${bucket} AS bucket, count(*) AS jobs FROM jobs ${indexedBy(db, 'jobs_finished_for_reports')}
			WHERE finished_at >= ${edge.from} AND finished_at < ${dayAfter(edge.to)} AND dry_run = 0 AND status IN ('succeeded', 'failed')
			GROUP BY 1, 2, 3`.execute(db.db)).rows);
	}
	const robots = new Map<string, {succeeded: number; failed: number; durations: Map<number, number>}>();
	for (const row of rows) {
		const robot = robots.get(row.robot) ?? {succeeded: 0, failed: 0, durations: new Map()};
		const jobs = Number(row.jobs);
		const bucket = Number(row.bucket);
		robot[row.status] += jobs;
		if (bucket >= 0) robot.durations.set(bucket, (robot.durations.get(bucket) ?? 0) + jobs);
		robots.set(row.robot, robot);
	}
	return [...robots.entries()]
		.filter(([, robot]) => robot.succeeded + robot.failed > 0)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, robot]) => ({robot: name, succeeded: robot.succeeded, failed: robot.failed, median_ms: median(robot.durations)}));
}

/** The median of a histogram (value → count): the middle value, or the mean of the two middle ones. */
function median(histogram: Map<number, number>): number | null {
	const values = [...histogram.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
	const total = values.reduce((sum, [, count]) => sum + count, 0);
	if (total === 0) return null;
	const at = (position: number) => {
		let seen = 0;
		for (const [value, count] of values) {
			seen += count;
			if (seen >= position) return value;
		}
		return values.at(-1)![0];
	};
	return Math.round((at(Math.floor((total + 1) / 2)) + at(Math.floor((total + 2) / 2))) / 2);
}

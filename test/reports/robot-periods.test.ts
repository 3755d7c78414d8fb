import {sql} from 'kysely';
import {describe, expect, it} from 'vitest';
import {migrations} from '../../source/migrations.js';
import {robotFigures} from '../../source/reports/robot-jobs.js';
import {periodRange, type ReportRange} from '../../source/reports/report-range.js';
import {openStore, type Db} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {emptyDatabaseTarget, engines, tempStore} from '../support/engines.js';
import {addJob} from './report-fixture.js';

// The robots' figures of a quarter, a year and ranges mixing years, quarters, months and cut
// days, checked against the jobs table itself after jobs finish, retry, move and go.

function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

const ranges: ReportRange[] = [
	...[0, 1, 2, 3, 4, 5, 6, 7].map(step => periodRange('quarter', '2025-01-01', step)),
	periodRange('year', '2025-01-01'),
	periodRange('year', '2026-01-01'),
	{from: '2025-01-01', to: '2026-12-31'},
	{from: '2025-12-01', to: '2026-11-30'},
	{from: '2025-11-15', to: '2026-08-10'},
];

/** README: a run time to two significant digits (below 100 ms, exact). */
function bucket(ms: number): number {
	if (ms < 100) return Math.max(0, ms);
	const step = 10 ** (String(ms).length - 2);
	return Math.round(ms / step) * step;
}

/** Per robot, finished jobs by outcome and the median run time, from the jobs table row by row. */
async function countedFromJobs(db: Db, range: ReportRange) {
	const jobs = await sql<{robot: string; status: string; started_at: string | null; finished_at: string | null; dry_run: number}>`
		SELECT robot, status, started_at, finished_at, dry_run FROM jobs`.execute(db.db);
	const robots = new Map<string, {succeeded: number; failed: number; times: number[]}>();
	for (const job of jobs.rows) {
		if (job.status !== 'succeeded' && job.status !== 'failed') continue;
		if (!job.finished_at || Number(job.dry_run) !== 0 || job.finished_at.slice(0, 10) < range.from || job.finished_at.slice(0, 10) > range.to) continue;
		const robot = robots.get(job.robot) ?? {succeeded: 0, failed: 0, times: []};
		robot[job.status]++;
		if (job.started_at) robot.times.push(bucket(Date.parse(job.finished_at) - Date.parse(job.started_at)));
		robots.set(job.robot, robot);
	}
	return [...robots.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([robot, {succeeded, failed, times}]) => {
		const sorted = times.sort((a, b) => a - b);
		const middle = (position: number) => sorted[position - 1]!;
		const median = sorted.length === 0 ? null : Math.round((middle(Math.floor((sorted.length + 1) / 2)) + middle(Math.floor((sorted.length + 2) / 2))) / 2);
		return {robot, succeeded, failed, median_ms: median};
	});
}

async function expectFiguresAsCounted(db: Db, when: string): Promise<void> {
	for (const range of ranges) expect(await robotFigures(db, range), `${when}: ${range.from}..${range.to}`).toEqual(await countedFromJobs(db, range));
}

/** Finish times on both sides of each quarter's and year's boundary, and some in between. */
function finishNear(random: () => number): string {
	const days = ['2025-03-31', '2025-04-01', '2025-06-30', '2025-07-01', '2025-12-31', '2026-01-01', '2026-09-30', '2026-10-01'];
	const day = random() < 0.5 ? days[Math.floor(random() * days.length)]!
		: `${2025 + Math.floor(random() * 2)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
	return `${day}T${String(Math.floor(random() * 24)).padStart(2, '0')}:30:00.000Z`;
}

async function addRandomJobs(db: Db, random: () => number, count: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const finished = finishNear(random);
		// 20 ms to 30 s, so every size of bucket is used.
		const started = random() < 0.05 ? null : new Date(Date.parse(finished) - Math.floor(20 + random() ** 3 * 30_000)).toISOString();
		await addJob(db, `robot-${Math.floor(random() * 4)}`, random() < 0.8 ? 'succeeded' : 'failed', started, finished);
	}
}

describe.each(engines)('robot figures of quarters and years on %s', engine => {
	it('equal a count of the jobs table after jobs finish, are retried, move across quarter and year boundaries, turn out dry runs, and go', async () => {
		const db = await tempStore(engine);
		const random = seeded(42);
		await addRandomJobs(db, random, 250);
		await expectFiguresAsCounted(db, 'after adds');
		const ids = (await sql<{id: number}>`SELECT id FROM jobs ORDER BY id`.execute(db.db)).rows.map(row => Number(row.id));
		const pick = () => ids[Math.floor(random() * ids.length)]!;
		for (let step = 0; step < 60; step++) {
			const id = pick();
			const change = Math.floor(random() * 4);
			if (change === 0) await sql`UPDATE jobs SET status = 'queued', finished_at = NULL WHERE id = ${id}`.execute(db.db);
			else if (change === 1) await sql`UPDATE jobs SET status = 'failed', finished_at = ${finishNear(random)} WHERE id = ${id}`.execute(db.db);
			else if (change === 2) await sql`UPDATE jobs SET dry_run = 1 WHERE id = ${id}`.execute(db.db);
			else await sql`DELETE FROM jobs WHERE id = ${id}`.execute(db.db);
		}
		// One job walked out of 2025 Q4 into 2026 Q1 by hand.
		const walker = pick();
		await sql`UPDATE jobs SET status = 'succeeded', dry_run = 0, started_at = '2025-12-31T23:59:58.000Z', finished_at = '2025-12-31T23:59:59.000Z' WHERE id = ${walker}`.execute(db.db);
		await expectFiguresAsCounted(db, 'walker in 2025');
		await sql`UPDATE jobs SET started_at = '2026-01-01T00:00:00.000Z', finished_at = '2026-01-01T00:00:01.500Z' WHERE id = ${walker}`.execute(db.db);
		await expectFiguresAsCounted(db, 'after edits');
	});
});

describe.each(engines)('robot figures in a database from before quarters and years were kept, on %s', engine => {
	it('are counted when it is upgraded', async () => {
		const target = await emptyDatabaseTarget(engine);
		const old = await openStore(databaseTarget(target), {migrations: migrations.filter(migration => migration.version <= 10), changePollMs: 0});
		await addRandomJobs(old, seeded(5), 120);
		await old.close();
		const upgraded = await openStore(databaseTarget(target), {migrations, changePollMs: 0});
		try {
			await expectFiguresAsCounted(upgraded, 'after the upgrade');
		} finally {
			await upgraded.close();
		}
	});
});

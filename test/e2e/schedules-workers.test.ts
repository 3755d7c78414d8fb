import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk as inProcess} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import {opsdesk} from '../robot/support/x-session.js';


type ShownJob = {id: number; customer_id: number; schedule: string | null; scheduled_for: string | null; status: string};

/** Two worker processes with no display on one database for `ms`, then stopped as an operator would (Ctrl-C). */
async function twoWorkersFor(db: string, ms: number) {
	const env = {DISPLAY: ''};
	const workers = [opsdesk(['worker', '--name', 'one', '--db', db], env), opsdesk(['worker', '--name', 'two', '--db', db], env)];
	await new Promise(resolve => setTimeout(resolve, ms));
	for (const worker of workers) worker.process.kill('SIGINT');
	return Promise.all(workers.map(worker => worker.done));
}

describe('a schedule fired by two running workers', () => {
	it('every 2 s over a 3-customer segment for 7 s: one job per customer per due time, none twice, on every engine at once', async () => {
		const robot = path.resolve('fixtures/robots/mark-active.yaml');
		await Promise.all(engines.map(async engine => {
			const db = await tempDatabaseTarget(engine);
			const ids: number[] = [];
			for (const name of ['Anna', 'Bea', 'Carl']) ids.push(Number((await inProcess(['customers', 'add', '--name', name, '--city', 'Wien', '--db', db])).stdout.trim()));
			expect((await inProcess(['segments', 'add', 'vienna', '--city', 'Wien', '--db', db])).code).toBe(0);
			expect((await inProcess(['schedules', 'add', 'tick', '--robot', robot, '--segment', 'vienna', '--cron', '*/2 * * * * *', '--tz', 'UTC', '--db', db])).code).toBe(0);
			const ran = await twoWorkersFor(db, 7000);
			for (const worker of ran) expect(worker.stderr).toContain('started without a display');
			const said = ran.flatMap(worker => worker.stderr.match(/schedule tick: 3 jobs for .*/g) ?? []);
			const jobs = JSON.parse((await inProcess(['jobs', 'list', '--json', '--limit', '1000', '--db', db])).stdout) as ShownJob[];
			const shown = await Promise.all(jobs.map(async job => JSON.parse((await inProcess(['jobs', 'show', String(job.id), '--json', '--db', db])).stdout) as ShownJob));
			const dueTimes = [...new Set(shown.map(job => job.scheduled_for))].sort();
			// 7 s holds 3 or 4 even seconds; each firing was said by exactly one of the workers.
			expect(dueTimes.length, engine).toBeGreaterThanOrEqual(3);
			expect(dueTimes.length, engine).toBeLessThanOrEqual(4);
			expect(said, engine).toHaveLength(dueTimes.length);
			for (const due of dueTimes) {
				expect(due).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d[02468]\.000Z$/);
				expect(shown.filter(job => job.scheduled_for === due).map(job => job.customer_id).sort((a, b) => a - b), `${engine} ${due}`).toEqual(ids);
			}
			expect(shown.every(job => job.schedule === 'tick')).toBe(true);
			// The robot needs no desktop: the workers without a display ran its jobs.
			expect(shown.filter(job => job.status === 'succeeded').length, engine).toBeGreaterThanOrEqual(6);
		}));
	}, 30_000);
});

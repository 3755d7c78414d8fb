import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {readRobotCopy} from '../../source/automation/robot-copy.js';
import {fireDueSchedules} from '../../source/automation/schedule-firing.js';
import {saveSchedule, setSchedulePaused} from '../../source/automation/schedules.js';
import {saveSegment} from '../../source/automation/segments.js';
import {migrations} from '../../source/migrations.js';
import {openStore, type Store} from '../../source/store/store.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempStore} from '../support/engines.js';

const markActive = readRobotCopy(path.resolve('fixtures/robots/mark-active.yaml'));
const target = (store: Store) => (store.target.engine === 'sqlite' ? store.target.file : store.target.url);
const at = (text: string) => new Date(text);

async function threeInVienna(store: Store) {
	const ids = [];
	for (const name of ['Anna', 'Bea', 'Carl']) ids.push((await createCustomer(store, {name, city: 'Wien'})).id);
	const {segment} = await saveSegment(store, 'vienna', {city: 'Wien'});
	return {ids, segment};
}

async function scheduledJobs(store: Store) {
	return store.db.selectFrom('jobs').select(['customer_id', 'schedule', 'scheduled_for', 'batch_id']).orderBy('scheduled_for').orderBy('customer_id').execute();
}

describe.each(engines)('schedules on %s', engine => {
	it('a due time makes one job per customer in the segment, once, however often and by however many it is fired', async () => {
		const store = await tempStore(engine);
		const {ids, segment} = await threeInVienna(store);
		await saveSchedule(store, {name: 'every-2s', copy: markActive, timing: {cron: '*/2 * * * * *', timezone: 'UTC', skipDates: []}, segmentId: segment.id}, at('2026-01-01T00:00:00.500Z'));
		expect(await fireDueSchedules(store, {now: at('2026-01-01T00:00:01.900Z'), worker: 'w1'})).toEqual([]);
		const second = await openStore(store.target, {migrations, changePollMs: 0});
		try {
			const now = at('2026-01-01T00:00:02.010Z');
			// PostgreSQL: two sessions at once. SQLite's connections in one process would block each
			// other's event loop, so there one fires after the other (the worker processes race below).
			const [one, two] = engine === 'postgres'
				? await Promise.all([fireDueSchedules(store, {now, worker: 'w1'}), fireDueSchedules(second, {now, worker: 'w2'})])
				: [await fireDueSchedules(store, {now, worker: 'w1'}), await fireDueSchedules(second, {now, worker: 'w2'})];
			expect([...one, ...two]).toEqual([expect.objectContaining({schedule: 'every-2s', dueAt: '2026-01-01T00:00:02.000Z', jobs: 3, missed: 0})]);
		} finally {
			await second.close();
		}
		expect(await fireDueSchedules(store, {now: at('2026-01-01T00:00:03.000Z'), worker: 'w1'})).toEqual([]);
		const jobs = await scheduledJobs(store);
		expect(jobs.map(job => [job.customer_id, job.schedule, job.scheduled_for])).toEqual(ids.map(id => [id, 'every-2s', '2026-01-01T00:00:02.000Z']));
		expect(new Set(jobs.map(job => job.batch_id)).size).toBe(1);
	});

	it('due times missed while no worker ran fire once, for the latest, and the run says how many were missed', async () => {
		const store = await tempStore(engine);
		const {segment} = await threeInVienna(store);
		await saveSchedule(store, {name: 'every-2s', copy: markActive, timing: {cron: '*/2 * * * * *', timezone: 'UTC', skipDates: []}, segmentId: segment.id}, at('2026-01-01T00:00:00.500Z'));
		const [firing] = await fireDueSchedules(store, {now: at('2026-01-01T00:00:10.700Z'), worker: 'late'});
		expect(firing).toMatchObject({dueAt: '2026-01-01T00:00:10.000Z', jobs: 3, missed: 4, note: '4 earlier due times passed while no worker ran; fired once, for the latest'});
		expect(await fireDueSchedules(store, {now: at('2026-01-01T00:00:11.000Z'), worker: 'late'})).toEqual([]);
		expect(new Set((await scheduledJobs(store)).map(job => job.scheduled_for))).toEqual(new Set(['2026-01-01T00:00:10.000Z']));
	});

	it('skips skip dates, does not catch up what it was paused through, and makes no job for a deleted customer', async () => {
		const store = await tempStore(engine);
		const anna = await createCustomer(store, {name: 'Anna'});
		const timing = {cron: '0 9 * * MON-FRI', timezone: 'Europe/Berlin', skipDates: ['2026-04-03', '2026-04-06']};
		await saveSchedule(store, {name: 'reminders', copy: markActive, timing, customerId: anna.id}, at('2026-04-02T12:00:00Z'));
		// Good Friday and Easter Monday are skipped: the next run is Tuesday 7 April, 09:00 in Berlin.
		expect(await fireDueSchedules(store, {now: at('2026-04-06T12:00:00Z'), worker: 'w'})).toEqual([]);
		expect(await fireDueSchedules(store, {now: at('2026-04-07T07:00:00.050Z'), worker: 'w'})).toEqual([expect.objectContaining({dueAt: '2026-04-07T07:00:00.000Z', jobs: 1, shown: '2026-04-07 09:00:00 Europe/Berlin'})]);
		await setSchedulePaused(store, 'reminders', true, at('2026-04-07T12:00:00Z'));
		expect(await fireDueSchedules(store, {now: at('2026-04-09T12:00:00Z'), worker: 'w'})).toEqual([]);
		const {next} = await setSchedulePaused(store, 'Reminders', false, at('2026-04-09T12:00:00Z'));
		expect(next?.toISOString()).toBe('2026-04-10T07:00:00.000Z');
		expect(await fireDueSchedules(store, {now: at('2026-04-09T23:00:00Z'), worker: 'w'})).toEqual([]);
		await deleteCustomer(store, anna.id);
		expect(await fireDueSchedules(store, {now: at('2026-04-10T07:00:01Z'), worker: 'w'})).toEqual([expect.objectContaining({jobs: 0, note: `customer #${anna.id} is deleted: no job`})]);
		expect((await scheduledJobs(store)).map(job => job.scheduled_for)).toEqual(['2026-04-07T07:00:00.000Z']);
	});

	it('schedules add, list, show, pause, resume and delete; a job made by a schedule says so in jobs show --json', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		const {ids} = await threeInVienna(store);
		const robot = path.resolve('fixtures/robots/mark-active.yaml');
		const add = (...flags: string[]) => opsdesk(['schedules', 'add', ...flags, '--robot', robot, '--db', db]);
		expect((await add('x', '--segment', 'vienna')).stderr).toContain('missing --cron');
		expect((await add('x', '--cron', '0 9 * * *')).stderr).toContain('say whose jobs: --segment NAME');
		expect((await add('x', '--no-customer', '--cron', '0 9 * * *')).stderr).toContain('robot mark-active works on a customer\'s data');
		expect((await add('x', '--segment', 'vienna', '--cron', '0 25 * * *')).stderr).toContain('cron: "0 25 * * *": Invalid value for hour');
		expect((await add('x', '--segment', 'vienna', '--cron', '0 9 * * *', '--tz', 'Europe/Wien')).stderr).toContain('tz: "Europe/Wien" is not a time zone');
		expect((await add('x', '--segment', 'vienna', '--cron', '0 9 * * *', '--skip-dates', '2026-12-24,24.12.')).stderr).toContain('"24.12." is not a date');
		const added = await add('morning', '--segment', 'vienna', '--cron', '0 9 * * MON-FRI', '--tz', 'Europe/Berlin', '--skip-dates', '2030-12-24,2030-12-25');
		expect(added.code).toBe(0);
		expect(added.stderr).toMatch(/^added schedule morning: robot mark-active for each customer in segment vienna, "0 9 \* \* MON-FRI" in Europe\/Berlin, skipping 2 dates; next run \d{4}-\d\d-\d\d 09:00:00 Europe\/Berlin\. Running workers fire it\.\n$/);
		expect((await add('MORNING', '--segment', 'vienna', '--cron', '0 9 * * *')).stderr).toContain('a schedule named "morning" already exists');
		expect((await add('tick', '--customer', String(ids[0]), '--cron', '*/2 * * * * *', '--tz', 'UTC')).code).toBe(0);
		const listed = await opsdesk(['schedules', 'list', '--db', db]);
		expect(listed.stdout).toMatch(/^SCHEDULE +CRON +ROBOT +FOR +NEXT RUN +LAST RUN +STATE\nmorning +0 9 \* \* MON-FRI +mark-active +segment vienna +\S+ 09:00:00 Europe\/Berlin +never +on\ntick +\*\/2 \* \* \* \* \* +mark-active +#\d+ +\S+ \S+ UTC +never +on\n$/);
		// A worker that starts fires what is due, once.
		await new Promise(resolve => setTimeout(resolve, 2100));
		// A dry-run worker leaves schedules alone: their jobs would be spent on dry runs.
		const dry = await opsdesk(['worker', '--once', '--driver', 'dry-run', '--name', 'dry', '--db', db]);
		expect(dry.stderr).not.toContain('schedule tick');
		expect(JSON.parse((await opsdesk(['jobs', 'list', '--json', '--db', db])).stdout)).toEqual([]);
		const ran = await opsdesk(['worker', '--once', '--name', 'tester', '--db', db], {env: {DISPLAY: ''}});
		expect(ran.stderr).toMatch(/worker tester: schedule tick: 1 job for \S+ \S+ UTC/);
		const [job] = JSON.parse((await opsdesk(['jobs', 'list', '--json', '--db', db])).stdout) as Array<{id: number}>;
		const shown = JSON.parse((await opsdesk(['jobs', 'show', String(job!.id), '--json', '--db', db])).stdout) as Record<string, unknown>;
		expect(shown).toMatchObject({schedule: 'tick', scheduled_for: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d[02468]\.000Z$/), customer_id: ids[0]});
		const json = JSON.parse((await opsdesk(['schedules', 'show', 'tick', '--json', '--db', db])).stdout) as {upcoming: string[]; runs: Array<{jobs: number; fired_by: string}>};
		expect(json.upcoming).toHaveLength(5);
		expect(json.runs).toEqual([expect.objectContaining({jobs: 1, fired_by: 'tester'})]);
		expect((await opsdesk(['schedules', 'pause', 'tick', '--db', db])).stderr).toBe('schedule tick paused\n');
		expect((await opsdesk(['schedules', 'list', '--json', '--db', db])).stdout).toContain('"paused": true');
		expect((await opsdesk(['schedules', 'resume', 'tick', '--db', db])).stderr).toMatch(/^schedule tick resumed; next run \S+ \S+ UTC\n$/);
		expect((await opsdesk(['segments', 'delete', 'vienna', '--db', db])).stderr).toContain('segment "vienna" is used by schedule morning; delete that first');
		expect((await opsdesk(['schedules', 'delete', 'morning', '--db', db])).stderr).toBe('deleted schedule morning\n');
		expect((await opsdesk(['segments', 'delete', 'vienna', '--db', db])).code).toBe(0);
	});
});

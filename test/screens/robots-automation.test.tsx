import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRobotCopy} from '../../source/automation/robot-copy.js';
import {enqueueBatch} from '../../source/automation/batches.js';
import {findScheduleRow, saveSchedule} from '../../source/automation/schedules.js';
import {saveSegment} from '../../source/automation/segments.js';
import {findTriggerRow, saveTrigger} from '../../source/automation/triggers.js';
import type {Db} from '../../source/store/store.js';
import {listenForTriggers} from '../../source/automation/trigger-registration.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {dbOf, tempDatabase} from '../support/temp-db.js';
import {addCustomers, lineWith, renderDesk} from './desk-harness.js';

const jobsOf = async (store: Db, trigger: string) => (await store.db.selectFrom('jobs').select('id').where('trigger_name', '=', trigger).execute()).length;
const markActive = readRobotCopy(path.resolve('fixtures/robots/mark-active.yaml'));

describe('Robots tab: schedules, triggers and batches', () => {
	it('a shows schedules (next and last run, paused) and triggers (event, robot, last fired); p pauses and resumes in the database', async () => {
		const {db, file} = tempDatabase();
		const store = dbOf(db);
		listenForTriggers();
		await addCustomers(db, [{name: 'Anna', city: 'Wien'}, {name: 'Bea', city: 'Wien'}]);
		const {segment} = await saveSegment(store, 'vienna', {city: 'Wien'});
		await saveSchedule(store, {name: 'weekday-reminders', copy: markActive, timing: {cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', skipDates: []}, segmentId: segment.id});
		await saveTrigger(store, {name: 'welcome', copy: markActive, event: 'customer.created', filter: {}});
		await addCustomers(db, [{name: 'Carl'}]);

		const screen = await renderDesk(db, file, {columns: 180, rows: 30});
		await screen.press('2');
		await screen.waitFor('Robot jobs');
		await screen.press('a');
		let frame = await screen.waitFor('weekday-reminders');
		const schedule = lineWith(frame, 'weekday-reminders')!;
		expect(schedule).toContain('› on');
		expect(schedule).toContain('0 9 * * 1-5 Europe/Berlin');
		expect(schedule).toMatch(/\d{4}-\d\d-\d\d 09:00:00/);
		expect(schedule).toContain('never');
		expect(schedule).toContain('segment vienna');
		// The trigger fired for Carl (created after it): when, and how many jobs.
		const trigger = lineWith(frame, 'welcome')!;
		expect(trigger).toContain('customer.created');
		expect(trigger).toContain('mark-active');
		expect(trigger).toContain('any customer');
		expect(trigger).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
		expect(trigger).toContain('1 job');
		expect(frame).toContain('p pause/resume');
		expect(frame).toContain('j/k select a schedule or trigger, p pauses or resumes it');

		await screen.press('p');
		frame = await screen.waitFor('schedule weekday-reminders paused');
		expect(lineWith(frame, 'weekday-reminders')).toContain('› paused');
		let row = await findScheduleRow(store, 'weekday-reminders');
		expect(row?.paused).toBe(1);
		expect(row?.next_due_at).toBeNull();

		await screen.press('p');
		frame = await screen.waitFor('schedule weekday-reminders resumed; next run');
		expect(lineWith(frame, 'weekday-reminders')).toContain('› on');
		row = await findScheduleRow(store, 'weekday-reminders');
		expect(row?.paused).toBe(0);
		expect(row?.next_due_at).not.toBeNull();

		// j selects the trigger: p pauses it, and a customer added meanwhile queues nothing; p resumes it.
		await screen.press('j');
		expect(lineWith(screen.frame(), 'welcome')).toContain('› on');
		await screen.press('p');
		frame = await screen.waitFor('trigger welcome paused');
		expect(lineWith(frame, 'welcome')).toContain('› paused');
		expect((await findTriggerRow(store, 'welcome'))?.paused).toBe(1);
		await addCustomers(db, [{name: 'Dora'}]);
		expect(await jobsOf(store, 'welcome')).toBe(1);
		await screen.press('p');
		frame = await screen.waitFor('trigger welcome resumed');
		expect(lineWith(frame, 'welcome')).toContain('› on');
		expect((await findTriggerRow(store, 'welcome'))?.paused).toBe(0);
		await addCustomers(db, [{name: 'Emil'}]);
		expect(await jobsOf(store, 'welcome')).toBe(2);
		await screen.waitFor(current => lineWith(current, 'welcome')?.includes('2 jobs') === true);

		await screen.press('esc');
		await screen.waitFor('Robot jobs');
	});

	it('a batch shows its progress in the batches list and beside its selected job, moving as its jobs finish', async () => {
		const {db, file} = tempDatabase();
		const store = dbOf(db);
		await addCustomers(db, [{name: 'Anna', city: 'Wien'}, {name: 'Bea', city: 'Wien'}, {name: 'Carl', city: 'Wien'}]);
		const {segment} = await saveSegment(store, 'vienna', {city: 'Wien'});
		const {batch} = await enqueueBatch(store, {copy: markActive, segment, createdBy: 'operator'});

		const screen = await renderDesk(db, file, {columns: 180, rows: 30});
		await screen.press('2');
		await screen.waitFor(`batch #${batch.id}: 3 jobs: 3 queued, 0 running, 0 succeeded, 0 failed`);
		await screen.press('a');
		const frame = await screen.waitFor('Batches');
		expect(lineWith(frame, `#${batch.id} `)).toContain('segment vienna');
		expect(lineWith(frame, `#${batch.id} `)).toContain('0/3 done: 3 queued, 0 running, 0 succeeded, 0 failed');
		expect(frame).toContain('No schedules.');

		// A worker (elsewhere) takes one job and fails it; the view follows.
		const queue = openJobQueue(store);
		const lease = (await queue.lease('worker-1'))!;
		await queue.fail(lease, 'the ledger was closed', {final: true});
		await screen.waitFor('1/3 done: 2 queued, 0 running, 0 succeeded, 1 failed');
		await screen.press('esc');
		await screen.waitFor('2 queued, 0 running, 0 succeeded, 1 failed');
	});
});

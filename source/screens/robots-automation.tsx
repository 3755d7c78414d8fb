import {useState} from 'react';
import {Box, Text} from 'ink';
import {useDesk} from '../components/desk-context.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {useQuery} from '../hooks/use-query.js';
import {visible} from '../text/visible.js';
import {listSchedules, setSchedulePaused, type Schedule} from '../automation/schedules.js';
import {listTriggers, type Trigger} from '../automation/triggers.js';
import {recentBatches, type BatchProgress} from '../automation/batches.js';
import {describeTrigger} from '../automation/trigger-events.js';
import {localTime} from '../automation/cron.js';
import {robotAutomationKeys} from './robots-keys.js';

/** Batches the view reads, newest first. */
const batchesShown = 10;

type Automation = {schedules: Schedule[]; triggers: Trigger[]; batches: BatchProgress[]};

const column = (value: string, width: number) => fitText(visible(value), width);
const when = (iso: string | null | undefined, zone: string) => (iso ? localTime(new Date(iso), zone) : '—');

/** `2026-03-30 09:00:00` in the schedule's zone (the zone is its own column). */
const shortWhen = (iso: string | null | undefined, zone: string) => when(iso, zone).replace(` ${zone}`, '');

export function scheduleLine(schedule: Schedule): string {
	const last = schedule.last_run ? `${shortWhen(schedule.last_run.due_at, schedule.timezone)} (${schedule.last_run.jobs} job${schedule.last_run.jobs === 1 ? '' : 's'})` : 'never';
	const whose = schedule.segment ? `segment ${schedule.segment}` : schedule.customer_id === null ? 'no customer' : `customer #${schedule.customer_id}`;
	return [
		column(schedule.paused ? 'paused' : 'on', 6), column(schedule.name, 18), column(schedule.robot, 14), column(`${schedule.cron} ${schedule.timezone}`, 28),
		column(schedule.paused ? 'paused' : shortWhen(schedule.next_run, schedule.timezone), 19), column(last, 28), visible(whose),
	].join(' ');
}

export function triggerLine(trigger: Trigger): string {
	return [
		column(trigger.paused ? 'paused' : 'on', 6), column(trigger.name, 18), column(describeTrigger(trigger.event, trigger.filter), 34), column(trigger.robot, 14),
		column(trigger.segment ?? 'any customer', 16), column(trigger.last_fired_at ? `${trigger.last_fired_at.slice(0, 19).replace('T', ' ')} UTC` : 'never', 24), `${trigger.jobs} job${trigger.jobs === 1 ? '' : 's'}`,
	].join(' ');
}

/** `#3 welcome  segment new-leads  10 jobs: 4 queued, 1 running, 5 succeeded, 0 failed`. */
export function batchLine(batch: BatchProgress): string {
	const from = batch.schedule ? `schedule ${batch.schedule}` : batch.segment ? `segment ${batch.segment}` : batch.created_by;
	const parts = [`${batch.queued} queued`, `${batch.running} running`, `${batch.succeeded} succeeded`, `${batch.failed} failed`];
	if (batch.cancelled > 0) parts.push(`${batch.cancelled} cancelled`);
	if (batch.skipped > 0) parts.push(`${batch.skipped} skipped (pending)`);
	const done = batch.jobs - batch.queued - batch.running;
	return [column(`#${batch.id}`, 6), column(batch.robot, 14), column(from, 26), column(batch.created_at.slice(0, 16).replace('T', ' '), 16),
		`${done}/${batch.jobs} done: ${parts.join(', ')}`].join(' ');
}

/**
 * What runs by itself: the schedules (next and last run, paused or on; `p` pauses or resumes
 * the selected one), the record triggers (their event and when they last fired) and the
 * newest batches with their progress. All live: a worker's firing shows up as it commits.
 */
export function AutomationView({width, height, onBack}: {width: number; height: number; onBack: () => void}) {
	const desk = useDesk();
	const track = useTrackedWork();
	const [selectedName, setSelectedName] = useState<string>();
	const read = useQuery<Automation>('automation', async ({db}) => ({
		schedules: await listSchedules(db), triggers: await listTriggers(db), batches: await recentBatches(db, batchesShown),
	}));
	const {schedules, triggers, batches} = read.value ?? {schedules: [], triggers: [], batches: []};
	const index = Math.max(0, schedules.findIndex(schedule => schedule.name === selectedName));
	const selected = schedules[index];
	const select = (to: number) => setSelectedName(schedules[Math.max(0, Math.min(schedules.length - 1, to))]?.name);
	useKeyLayer('Schedules', robotAutomationKeys, {
		back: onBack,
		pause: selected && (() => {
			const pausing = !selected.paused;
			track(setSchedulePaused(desk.db, selected.name, pausing)).then(({row, next}) => {
				desk.changed();
				desk.notify(`schedule ${row.name} ${pausing ? 'paused' : `resumed; next run ${next ? localTime(next, row.timezone) : 'never'}`}`, 'success');
			}, desk.report);
		}),
		down: () => select(index + 1),
		up: () => select(index - 1),
	}, {priority: layerPriority.view});

	// Rows for each part: the schedules get what the triggers and batches leave.
	const rest = Math.max(0, height - 6);
	const batchRows = Math.min(batches.length || 1, Math.max(1, Math.floor(rest / 3)));
	const triggerRows = Math.min(triggers.length || 1, Math.max(1, Math.floor(rest / 3)));
	const scheduleRows = Math.max(1, rest - batchRows - triggerRows);
	const first = Math.max(0, Math.min(index - Math.floor(scheduleRows / 2), schedules.length - scheduleRows));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				Schedules<Text bold={false} dimColor>{schedules.length > 0 ? `  ${index + 1} of ${schedules.length} · p pauses or resumes the selected one` : ''}</Text>
			</Text>
			<Text dimColor wrap="truncate">{`  ${['STATE', 'NAME', 'ROBOT', 'CRON ZONE', 'NEXT RUN', 'LAST RUN', 'CUSTOMERS'].map((title, at) => fitText(title, [6, 18, 14, 28, 19, 28, 10][at]!)).join(' ')}`}</Text>
			<Box flexDirection="column" height={scheduleRows}>
				{read.value && schedules.length === 0 ? <Text dimColor wrap="truncate">  No schedules. Add one with `opsdesk schedules add NAME --robot R --segment S --cron EXPR`.</Text> : null}
				{schedules.slice(first, first + scheduleRows).map(schedule => {
					const isSelected = schedule.name === selected?.name;
					return (
						<Text key={schedule.id} inverse={isSelected} bold={isSelected} dimColor={!isSelected && schedule.paused} wrap="truncate">
							{isSelected ? '› ' : '  '}
							{scheduleLine(schedule)}
						</Text>
					);
				})}
			</Box>
			<Text bold wrap="truncate">Record triggers<Text bold={false} dimColor>{triggers.length > 0 ? `  ${triggers.length}` : ''}</Text></Text>
			<Box flexDirection="column" height={triggerRows}>
				{read.value && triggers.length === 0 ? <Text dimColor wrap="truncate">  No triggers. Add one with `opsdesk triggers add NAME --robot R --on customer.created`.</Text> : null}
				{triggers.slice(0, triggerRows).map(trigger => <Text key={trigger.id} wrap="truncate" dimColor={trigger.paused}>{`  ${triggerLine(trigger)}`}</Text>)}
			</Box>
			<Text bold wrap="truncate">Batches<Text bold={false} dimColor>{batches.length > 0 ? `  newest ${batches.length}` : ''}</Text></Text>
			<Box flexDirection="column" height={batchRows}>
				{read.value && batches.length === 0 ? <Text dimColor wrap="truncate">  No batches. `opsdesk robot enqueue ROBOT --segment NAME` makes one; schedules make one per run.</Text> : null}
				{batches.slice(0, batchRows).map(batch => <Text key={batch.id} wrap="truncate">{`  ${batchLine(batch)}`}</Text>)}
			</Box>
		</Box>
	);
}

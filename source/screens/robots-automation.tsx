import {useState} from 'react';
import {Box, Text} from 'ink';
import {useDesk} from '../components/desk-context.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {useQuery} from '../hooks/use-query.js';
import {visible} from '../text/visible.js';
import {listSchedules, setSchedulePaused, type Schedule} from '../automation/schedules.js';
import {listTriggers, setTriggerPaused, type Trigger} from '../automation/triggers.js';
import {recentBatches, type BatchProgress} from '../automation/batches.js';
import {describeTrigger} from '../automation/trigger-events.js';
import {localTime} from '../automation/cron.js';
import {robotAutomationKeys} from './robots-keys.js';

/** Batches the view reads, newest first. */
const batchesShown = 10;

type Automation = {schedules: Schedule[]; triggers: Trigger[]; batches: BatchProgress[]};
type Item = {kind: 'schedule' | 'trigger'; name: string};

const column = (value: string, width: number) => fitText(visible(value), width);
const scheduleWidths = [6, 18, 14, 28, 19, 28, 10];
const triggerWidths = [6, 18, 34, 14, 16, 24, 8];
const batchWidths = [6, 14, 26, 16, 40];
const titles = (names: string[], widths: number[]) => names.map((name, at) => fitText(name, widths[at] ?? name.length)).join(' ');
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
	const [chosen, setChosen] = useState<Item>();
	const read = useQuery<Automation>('automation', async ({db}) => ({
		schedules: await listSchedules(db), triggers: await listTriggers(db), batches: await recentBatches(db, batchesShown),
	}));
	const {schedules, triggers, batches} = read.value ?? {schedules: [], triggers: [], batches: []};
	// One selection runs through the schedules, then the triggers: p pauses or resumes either.
	const items: Item[] = [...schedules.map(({name}) => ({kind: 'schedule' as const, name})), ...triggers.map(({name}) => ({kind: 'trigger' as const, name}))];
	const index = Math.max(0, items.findIndex(item => item.kind === chosen?.kind && item.name === chosen.name));
	const selected = items[index];
	const selectedSchedule = selected?.kind === 'schedule' ? schedules.find(schedule => schedule.name === selected.name) : undefined;
	const selectedTrigger = selected?.kind === 'trigger' ? triggers.find(trigger => trigger.name === selected.name) : undefined;
	const select = (to: number) => setChosen(items[Math.max(0, Math.min(items.length - 1, to))]);
	const pauseSchedule = (schedule: Schedule) => {
		const pausing = !schedule.paused;
		track(setSchedulePaused(desk.db, schedule.name, pausing)).then(({row, next}) => {
			desk.changed();
			desk.notify(`schedule ${row.name} ${pausing ? 'paused' : `resumed; next run ${next ? localTime(next, row.timezone) : 'never'}`}`, 'success');
		}, desk.report);
	};
	const pauseTrigger = (trigger: Trigger) => {
		const pausing = !trigger.paused;
		track(setTriggerPaused(desk.db, trigger.name, pausing)).then(row => {
			desk.changed();
			desk.notify(`trigger ${row.name} ${pausing ? 'paused: changes meanwhile queue nothing' : 'resumed: it fires for changes from now on'}`, 'success');
		}, desk.report);
	};
	useKeyLayer('Schedules', robotAutomationKeys, {
		back: onBack,
		pause: selectedSchedule ? () => pauseSchedule(selectedSchedule) : selectedTrigger ? () => pauseTrigger(selectedTrigger) : undefined,
		down: () => select(index + 1),
		up: () => select(index - 1),
	}, {priority: layerPriority.view});

	// Rows for each part: each as many as it has, while they fit; the schedules get what the others leave.
	const rest = Math.max(3, height - 7);
	const want = (count: number) => Math.max(1, count);
	const batchRows = Math.min(want(batches.length), Math.max(1, Math.floor(rest / 4)));
	let triggerRows = Math.min(want(triggers.length), Math.max(1, Math.floor((rest - batchRows) / 2)));
	const scheduleRows = Math.min(want(schedules.length), Math.max(1, rest - batchRows - triggerRows));
	triggerRows = Math.min(want(triggers.length), Math.max(1, rest - batchRows - scheduleRows));
	const scheduleIndex = selectedSchedule ? index : 0;
	const first = Math.max(0, Math.min(scheduleIndex - Math.floor(scheduleRows / 2), schedules.length - scheduleRows));
	const triggerIndex = selectedTrigger ? index - schedules.length : 0;
	const firstTrigger = Math.max(0, Math.min(triggerIndex - Math.floor(triggerRows / 2), triggers.length - triggerRows));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				Schedules<Text bold={false} dimColor>{schedules.length > 0 ? `  ${schedules.length}` : ''}{items.length > 0 ? ' · j/k select a schedule or trigger, p pauses or resumes it' : ''}</Text>
			</Text>
			<Text dimColor wrap="truncate">{`  ${titles(['STATE', 'NAME', 'ROBOT', 'CRON ZONE', 'NEXT RUN', 'LAST RUN', 'CUSTOMERS'], scheduleWidths)}`}</Text>
			<Box flexDirection="column" height={scheduleRows}>
				{read.value && schedules.length === 0 ? <Text dimColor wrap="truncate">  No schedules. Add one with `opsdesk schedules add NAME --robot R --segment S --cron EXPR`.</Text> : null}
				{schedules.slice(first, first + scheduleRows).map(schedule => {
					const isSelected = schedule.name === selectedSchedule?.name;
					return (
						<Text key={schedule.id} inverse={isSelected} bold={isSelected} dimColor={!isSelected && schedule.paused} wrap="truncate">
							{isSelected ? '› ' : '  '}
							{scheduleLine(schedule)}
						</Text>
					);
				})}
			</Box>
			<Text bold wrap="truncate">Record triggers<Text bold={false} dimColor>{triggers.length > 0 ? `  ${triggers.length}` : ''}</Text></Text>
			{triggers.length > 0 ? <Text dimColor wrap="truncate">{`  ${titles(['STATE', 'NAME', 'EVENT', 'ROBOT', 'SEGMENT', 'LAST FIRED', 'JOBS'], triggerWidths)}`}</Text> : null}
			<Box flexDirection="column" height={triggerRows}>
				{read.value && triggers.length === 0 ? <Text dimColor wrap="truncate">  No triggers. Add one with `opsdesk triggers add NAME --robot R --on customer.created`.</Text> : null}
				{triggers.slice(firstTrigger, firstTrigger + triggerRows).map(trigger => {
					const isSelected = trigger.name === selectedTrigger?.name;
					return (
						<Text key={trigger.id} inverse={isSelected} bold={isSelected} dimColor={!isSelected && trigger.paused} wrap="truncate">
							{isSelected ? '› ' : '  '}
							{triggerLine(trigger)}
						</Text>
					);
				})}
			</Box>
			<Text bold wrap="truncate">Batches<Text bold={false} dimColor>{batches.length > 0 ? `  newest ${batches.length}` : ''}</Text></Text>
			{batches.length > 0 ? <Text dimColor wrap="truncate">{`  ${titles(['BATCH', 'ROBOT', 'FOR', 'CREATED (UTC)', 'PROGRESS'], batchWidths)}`}</Text> : null}
			<Box flexDirection="column" height={batchRows}>
				{read.value && batches.length === 0 ? <Text dimColor wrap="truncate">  No batches. `opsdesk robot enqueue ROBOT --segment NAME` makes one; schedules make one per run.</Text> : null}
				{batches.slice(0, batchRows).map(batch => <Text key={batch.id} wrap="truncate">{`  ${batchLine(batch)}`}</Text>)}
			</Box>
		</Box>
	);
}

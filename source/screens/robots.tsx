import {memo, useState} from 'react';
import {Box, Text} from 'ink';
import type {ScreenProps} from '../components/screen-props.js';
import {useDesk} from '../components/desk-context.js';
import {Confirm} from '../components/confirm.js';
import {tint} from '../components/theme.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {visible} from '../text/visible.js';
import type {Job, JobLog} from '../robot/queue.js';
import {robotQueueKeys} from './robots-keys.js';
import {formatColumns, jobRowValues, levelColor, levelFilterLabel, logLineText, nextLevel, nextStatus, queueColumns, statusColor} from './robots-format.js';
import {jobsShown, useRobotQueue, useSecondTick, type RobotQueueState} from './robots-state.js';
import {JobDetail} from './robots-job-detail.js';
import {AutomationView} from './robots-automation.js';
import {describeProgress} from '../automation/batches.js';

/**
 * The Robots tab: the job queue above, the selected job's step log below, both live while
 * workers in other processes run jobs. Robots never run here: the desk only queues,
 * watches, retries and cancels.
 */
export function RobotsScreen({width, height, active}: ScreenProps) {
	const desk = useDesk();
	const state = useRobotQueue();
	const track = useTrackedWork();
	const [detail, setDetail] = useState<number>();
	const [cancelling, setCancelling] = useState<Job>();
	const [automation, setAutomation] = useState(false);
	const now = useSecondTick(active);
	// Tracked: the key after a retry or cancel sees the queue as the write left it.
	const act = (write: () => Promise<unknown>, done: string) => {
		track(write()).then(() => {
			desk.changed();
			desk.notify(done, 'success');
		}, desk.report);
	};
	const actions = {
		retry: (job: Job) => act(() => state.queue.retry(job.id), `job #${job.id} (${job.robot}) is queued again`),
		cancel: (job: Job) => setCancelling(job),
	};
	const prompt = cancelling ? (
		<Confirm
			question={visible(`Cancel job #${cancelling.id} (${cancelling.robot}${cancelling.customer_name ? ` for ${cancelling.customer_name}` : ''})?`)}
			onNo={() => setCancelling(undefined)}
			onYes={() => {
				setCancelling(undefined);
				act(() => state.queue.cancel(cancelling.id), `job #${cancelling.id} cancelled`);
			}}
		/>
	) : undefined;
	if (automation) return <AutomationView width={width} height={height} onBack={() => setAutomation(false)} />;
	if (detail !== undefined) {
		const job = state.jobs.find(candidate => candidate.id === detail);
		if (job) return <JobDetail job={job} logs={state.allLogs} width={width} height={height} prompt={prompt} actions={actions} onBack={() => setDetail(undefined)} />;
	}
	return <QueueView state={state} width={width} height={height} now={now} prompt={prompt} actions={actions} onOpen={job => setDetail(job.id)} onAutomation={() => setAutomation(true)} />;
}

type QueueViewProps = {
	state: RobotQueueState;
	width: number;
	height: number;
	now: number;
	prompt?: React.ReactNode;
	actions: {retry: (job: Job) => void; cancel: (job: Job) => void};
	onOpen: (job: Job) => void;
	onAutomation: () => void;
};

const JobLine = memo(function JobLine({line, status, selected, color}: {line: string; status: Job['status']; selected: boolean; color: boolean}) {
	return (
		<Text inverse={selected} bold={selected} wrap="truncate" color={selected ? undefined : tint(color, statusColor(status))}>
			{selected ? '› ' : '  '}
			{line}
		</Text>
	);
});

function QueueView({state, width, height, now, prompt, actions, onOpen, onAutomation}: QueueViewProps) {
	const {color} = useDesk();
	const {jobs, selected, selectedIndex} = state;
	const listRows = Math.max(3, Math.floor((height - 4) * 0.45));
	const logRows = Math.max(1, height - 3 - listRows);
	const columns = queueColumns(width);
	const first = Math.max(0, Math.min(selectedIndex - Math.floor(listRows / 2), jobs.length - listRows));
	const shownJobs = jobs.slice(first, first + listRows);
	const logs = state.logs;
	const logTop = state.follow ? Math.max(0, logs.length - logRows) : Math.min(state.logTop, Math.max(0, logs.length - logRows));
	const scrollLog = (by: number) => {
		const top = Math.max(0, logTop + by);
		const bottom = Math.max(0, logs.length - logRows);
		state.setFollow(top >= bottom);
		state.setLogTop(Math.min(top, bottom));
	};
	const canRetry = selected && (selected.status === 'failed' || selected.status === 'cancelled');
	const canCancel = selected && (selected.status === 'queued' || selected.status === 'running');
	useKeyLayer('Robots', robotQueueKeys, {
		open: selected && (() => onOpen(selected)),
		retry: canRetry && (() => actions.retry(selected)),
		cancel: canCancel && (() => actions.cancel(selected)),
		follow: selected && (() => {
			state.setLogTop(logTop);
			state.setFollow(!state.follow);
		}),
		level: () => state.setLevel(nextLevel(state.level)),
		status: () => state.setStatus(nextStatus(state.status)),
		automation: onAutomation,
		down: () => state.select(selectedIndex + 1),
		up: () => state.select(selectedIndex - 1),
		top: () => state.select(0),
		bottom: () => state.select(jobs.length - 1),
		pageDown: selected && (() => scrollLog(logRows)),
		pageUp: selected && (() => scrollLog(-logRows)),
	}, {priority: layerPriority.screen});

	const counts = countByStatus(jobs);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{prompt ?? (
				<Text wrap="truncate">
					<Text bold>Robot jobs</Text>
					<Text>{jobs.length > 0 ? `  ${selectedIndex + 1} of ${jobs.length}${jobs.length >= jobsShown ? '+' : ''}` : ''}</Text>
					<Text dimColor>{`  ${state.status === 'all' ? 'all statuses' : state.status} · ${counts}`}</Text>
					{state.batch ? <Text>{visible(`  · batch #${state.batch.id}: ${describeProgress(state.batch)}`)}</Text> : null}
				</Text>
			)}
			<Text dimColor wrap="truncate">{`  ${formatColumns(columns, columns.map(column => column.title))}`}</Text>
			<Box flexDirection="column" height={listRows}>
				{jobs.length === 0 ? <Text dimColor>  No jobs. Queue one with `opsdesk robot enqueue FILE --customer ID`, or R on the Customers tab.</Text> : null}
				{shownJobs.map(job => (
					<JobLine key={job.id} line={formatColumns(columns, jobRowValues(job, now))} status={job.status} selected={job.id === selected?.id} color={color} />
				))}
			</Box>
			<Text bold wrap="truncate">
				{selected ? visible(`Log of job #${selected.id} (${selected.robot})`) : 'Log'}
				<Text dimColor>{visible(`  ${logs.length > logRows ? `lines ${logTop + 1}–${Math.min(logs.length, logTop + logRows)} of ${logs.length} · ` : ''}${state.follow ? 'following' : 'paused (f follows)'} · ${levelFilterLabel(state.level)}${selected?.last_error && selected.status !== 'succeeded' ? ` · last error: ${selected.last_error}` : ''}`)}</Text>
			</Text>
			<Box flexDirection="column" height={logRows}>
				{logs.slice(logTop, logTop + logRows).map(log => <LogLine key={log.id} log={log} color={color} />)}
			</Box>
		</Box>
	);
}

/** A log row never changes once written: lines still on screen after new ones arrive are not redrawn. */
const LogLine = memo(function LogLine({log, color}: {log: JobLog; color: boolean}) {
	return <Text wrap="truncate" color={tint(color, levelColor(log.level) ?? '')}>{visible(logLineText(log))}</Text>;
});

function countByStatus(jobs: Job[]): string {
	const counts = new Map<string, number>();
	for (const job of jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
	return jobs.length === 0 ? 'empty' : [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useDesk} from '../components/desk-context.js';
import {tint} from '../components/theme.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useScroll} from '../hooks/use-scroll.js';
import {visible} from '../text/visible.js';
import {wrapLines} from '../components/wrap-lines.js';
import type {Job, JobLog} from '../robot/queue.js';
import {jobDetailKeys} from './robots-keys.js';
import {durationOf, levelColor, logLineText, statusColor} from './robots-format.js';
import {readScreenshot, screenshotLines} from './robots-screenshot.js';

type Props = {
	job: Job;
	logs: JobLog[];
	width: number;
	height: number;
	prompt?: React.ReactNode;
	actions: {retry: (job: Job) => void; cancel: (job: Job) => void};
	onBack: () => void;
};

/**
 * One job: its fields, its log, and the newest failure screenshot drawn in the terminal.
 * A failed job opens at the end of its log, where the failure is.
 */
export function JobDetail({job, logs, width, height, prompt, actions, onBack}: Props) {
	const {color} = useDesk();
	const screenshot = [...logs].reverse().find(log => log.screenshot)?.screenshot ?? undefined;
	const pictureRows = screenshot ? Math.max(4, Math.floor((height - 6) / 2)) : 0;
	const picture = useMemo(() => {
		if (!screenshot) return undefined;
		const read = readScreenshot(screenshot);
		return 'error' in read ? [read.error] : screenshotLines(read.png, Math.min(width - 2, 120), pictureRows - 1, color);
	}, [screenshot, width, pictureRows, color]);
	const logRows = Math.max(1, height - 4 - pictureRows);
	// Lines are wrapped, not cut: this is where a long step error is read whole (the Robots
	// list's live log keeps one row a line). Later rows of a line are indented under it.
	const lines = useMemo(() => logs.flatMap(log => wrapLines(logLineText(log), width - 2).map((text, index) => ({
		key: `${log.id}.${index}`, text: index === 0 ? text : `  ${text}`, level: log.level,
	}))), [logs, width]);
	const scroll = useScroll(lines.length, logRows, {startAtEnd: job.status === 'failed' || logs.some(log => log.level === 'error')});
	const top = scroll.top;
	useKeyLayer('Job', jobDetailKeys, {
		back: onBack,
		retry: (job.status === 'failed' || job.status === 'cancelled') && (() => actions.retry(job)),
		cancel: (job.status === 'queued' || job.status === 'running') && (() => actions.cancel(job)),
		...scroll.handlers,
	}, {priority: layerPriority.view});
	const customer = job.customer_id === null ? 'no customer' : `customer #${job.customer_id} ${job.customer_name ?? ''}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{prompt ?? (
				<Text wrap="truncate">
					<Text bold>{visible(`Job #${job.id} · ${job.robot} · ${customer}`)}</Text>
					<Text dimColor>{scroll.position ? `  log ${scroll.position}` : ''}</Text>
				</Text>
			)}
			<Text wrap="truncate">
				<Text color={tint(color, statusColor(job.status))} bold>{job.status}</Text>
				<Text>{`  attempts ${job.attempts} of ${job.max_attempts} · priority ${job.priority} · took ${durationOf(job, Date.now()) || '-'} · queued ${job.created_at}`}</Text>
			</Text>
			<Text wrap="truncate" dimColor>{visible(`${job.robot_file}${job.lease_owner ? ` · worker ${job.lease_owner}` : ''}`)}</Text>
			{job.last_error && job.status !== 'succeeded' ? (
				<Text wrap="truncate" color={tint(color, 'red')}>{visible(`last error: ${job.last_error}`)}</Text>
			) : (
				// A queued job a headless worker leaves alone would otherwise wait with no word of why.
				<Text wrap="truncate" dimColor>{job.status === 'queued' && job.needs_desktop ? 'needs a desktop: runs on a worker with a display (opsdesk worker, or worker --virtual-display)' : ' '}</Text>
			)}
			<Box flexDirection="column" height={logRows}>
				{lines.slice(top, top + logRows).map(line => (
					<Text key={line.key} wrap="truncate" color={tint(color, levelColor(line.level) ?? '')}>{line.text}</Text>
				))}
			</Box>
			{picture ? (
				<Box flexDirection="column" height={pictureRows}>
					<Text dimColor wrap="truncate">{visible(`screenshot ${screenshot}`)}</Text>
					{picture.map((line, index) => <Text key={index} wrap="truncate">{line}</Text>)}
				</Box>
			) : null}
		</Box>
	);
}

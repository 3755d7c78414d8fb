import {useEffect, useMemo, useState} from 'react';
import type {Job, JobLog} from '../robot/queue.js';
import type {LogLevel} from '../robot/runner.js';
import {openJobQueue} from '../robot/open-queue.js';
import {levelShown, type StatusFilter} from './robots-format.js';
import {useDesk} from '../components/desk-context.js';
import {useQuery} from '../hooks/use-query.js';
import {batchProgress, type BatchProgress} from '../automation/batches.js';

/** Jobs the tab reads, newest first; the header says when there are more. */
export const jobsShown = 500;
const logsKept = 5000;

/** The selected job's log lines read so far; new ones are read after `lastId`. */
type JobLogs = {jobId: number; lastId: number; logs: JobLog[]};
const noJobs: Job[] = [];
const noLogs: JobLog[] = [];

/**
 * The Robots tab's state: the queue (read again whenever the data changes, which is how a
 * worker's progress in another process or on another host shows up), the selected job and
 * its log, read incrementally so a log growing by a thousand rows a second costs only the
 * new rows.
 */
export function useRobotQueue() {
	const {db} = useDesk();
	const queue = useMemo(() => openJobQueue(db), [db]);
	useEffect(() => () => {
		queue.close().catch(() => {});
	}, [queue]);
	const [status, setStatus] = useState<StatusFilter>('all');
	const [selectedId, setSelectedId] = useState<number>();
	const [level, setLevel] = useState<LogLevel>('debug');
	const [follow, setFollow] = useState(true);
	/** First log line shown while not following. */
	const [logTop, setLogTop] = useState(0);

	const jobs = useQuery(status, () => queue.list({status: status === 'all' ? undefined : status, limit: jobsShown})).value ?? noJobs;
	const selectedIndex = Math.max(0, jobs.findIndex(job => job.id === selectedId));
	const selected = jobs[selectedIndex];
	const jobLogs = useQuery<JobLogs>(String(selected?.id ?? ''), async ({previous}) => {
		const jobId = selected!.id;
		// The same job: only the lines written since.
		const known = previous?.value.jobId === jobId ? previous.value : {jobId, lastId: 0, logs: noLogs};
		const rows = await queue.logs(jobId, {afterId: known.lastId});
		if (rows.length === 0) return known;
		return {jobId, lastId: rows.at(-1)!.id, logs: [...known.logs, ...rows].slice(-logsKept)};
	}, {enabled: selected !== undefined});
	// The selected job's batch (robot enqueue --segment, a schedule's run): how far it has got.
	const batchId = selected?.batch_id ?? null;
	const batchRead = useQuery<BatchProgress>(String(batchId ?? ''), ({db}) => batchProgress(db, batchId!), {enabled: batchId !== null});
	const batch = batchId !== null && batchRead.current ? batchRead.value : undefined;
	const logs = selected && jobLogs.current ? jobLogs.value!.logs : noLogs;
	const shownLogs = useMemo(() => logs.filter(log => levelShown(log, level)), [logs, level]);

	const select = (index: number) => {
		const job = jobs[Math.max(0, Math.min(jobs.length - 1, index))];
		if (job && job.id !== selected?.id) {
			setSelectedId(job.id);
			setFollow(true);
		}
	};

	return {
		queue, jobs, selected, selectedIndex, select, batch, status, setStatus,
		logs: shownLogs, allLogs: logs, level, setLevel, follow, setFollow, logTop, setLogTop,
	};
}

export type RobotQueueState = ReturnType<typeof useRobotQueue>;

/** Re-renders every second while shown, so ages and running durations move. */
export function useSecondTick(active: boolean): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		timer.unref();
		return () => clearInterval(timer);
	}, [active]);
	return now;
}

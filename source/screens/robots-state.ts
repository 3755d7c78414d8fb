import {useEffect, useMemo, useRef, useState} from 'react';
import type {Database} from 'better-sqlite3';
import type {Job, JobLog} from '../robot/queue.js';
import type {LogLevel} from '../robot/runner.js';
import {openJobQueue} from '../robot/open-queue.js';
import {levelShown, type StatusFilter} from './robots-format.js';

/** Jobs the tab reads, newest first; the header says when there are more. */
export const jobsShown = 500;
const logsKept = 5000;

/**
 * The Robots tab's state: the queue (reloaded whenever the database changes, which is how
 * a worker's progress in another process shows up), the selected job and its log, fetched
 * incrementally so a log growing by a thousand rows a second costs only the new rows.
 */
export function useRobotQueue(db: Database, dataVersion: number, onError: (error: unknown) => void, track: <Result>(work: Promise<Result>) => Promise<Result> = work => work) {
	const queue = useMemo(() => openJobQueue(db), [db]);
	const [status, setStatus] = useState<StatusFilter>('all');
	const [jobs, setJobs] = useState<Job[]>([]);
	const [selectedId, setSelectedId] = useState<number>();
	const [logs, setLogs] = useState<JobLog[]>([]);
	const [level, setLevel] = useState<LogLevel>('debug');
	const [follow, setFollow] = useState(true);
	/** First log line shown while not following. */
	const [logTop, setLogTop] = useState(0);
	const errors = useRef(onError);
	errors.current = onError;

	useEffect(() => {
		let current = true;
		// Tracked: a key typed right after (j, Enter) works on the jobs this read brings.
		track(queue.list({status: status === 'all' ? undefined : status, limit: jobsShown}))
			.then(list => current && setJobs(list), error => errors.current(error));
		return () => {
			current = false;
		};
	}, [queue, status, dataVersion, track]);

	const selectedIndex = Math.max(0, jobs.findIndex(job => job.id === selectedId));
	const selected = jobs[selectedIndex];
	const loaded = useRef<{jobId?: number; lastId: number}>({lastId: 0});

	useEffect(() => {
		if (!selected) return setLogs([]);
		const fresh = loaded.current.jobId !== selected.id;
		if (fresh) loaded.current = {jobId: selected.id, lastId: 0};
		let current = true;
		track(queue.logs(selected.id, {afterId: loaded.current.lastId})).then(rows => {
			if (!current) return;
			if (rows.length > 0) loaded.current.lastId = rows.at(-1)!.id;
			if (fresh) setLogs(rows.slice(-logsKept));
			else if (rows.length > 0) setLogs(previous => [...previous, ...rows].slice(-logsKept));
		}, error => errors.current(error));
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- only a new job (its id) or a data change reloads; `selected` is a new object every poll
	}, [queue, selected?.id, dataVersion]);

	const shownLogs = useMemo(() => logs.filter(log => levelShown(log, level)), [logs, level]);

	const select = (index: number) => {
		const job = jobs[Math.max(0, Math.min(jobs.length - 1, index))];
		if (job && job.id !== selected?.id) {
			setSelectedId(job.id);
			setFollow(true);
		}
	};

	return {
		queue, jobs, selected, selectedIndex, select, status, setStatus,
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

import {formatDuration} from './durations.js';
import type {Job} from './queue.js';

/** How long ago, in one coarse unit: 5s, 3m, 2h, 4d. */
export function ageOf(iso: string, now: number): string {
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

/** The latest attempt's run time; still counting while it runs, empty before it starts. */
export function durationOf(job: Job, now: number): string {
	if (!job.started_at || job.status === 'queued') return '';
	const end = job.status === 'running' ? now : Date.parse(job.finished_at ?? job.updated_at);
	return formatDuration(Math.max(0, end - Date.parse(job.started_at)));
}

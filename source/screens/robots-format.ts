import {fitText} from '../components/fit-text.js';
import {formatDuration} from '../robot/durations.js';
import {ageOf, durationOf} from '../robot/job-times.js';
import type {LogLevel} from '../robot/runner.js';
import {jobStatuses, type Job, type JobLog, type JobStatus} from '../robot/queue.js';

/** Pure formatting of the Robots tab's rows, tested without Ink. */

export {ageOf, durationOf};

export const levelFilters = ['debug', 'info', 'warn', 'error'] as const;
const levelRank: Record<LogLevel, number> = {debug: 0, info: 1, warn: 2, error: 3};

export function nextLevel(level: LogLevel): LogLevel {
	return levelFilters[(levelFilters.indexOf(level) + 1) % levelFilters.length]!;
}

export function levelShown(log: JobLog, minimum: LogLevel): boolean {
	return levelRank[log.level] >= levelRank[minimum];
}

export function levelFilterLabel(level: LogLevel): string {
	return level === 'debug' ? 'all lines' : level === 'error' ? 'errors only' : `${level} and worse`;
}

export type StatusFilter = JobStatus | 'all';

export function nextStatus(status: StatusFilter): StatusFilter {
	const all: StatusFilter[] = ['all', ...jobStatuses];
	return all[(all.indexOf(status) + 1) % all.length]!;
}

type Column = {title: string; width: number};

export function queueColumns(width: number): Column[] {
	const fixed = [{title: 'STATUS', width: 9}, {title: 'ID', width: 6}, {title: 'TRIES', width: 5}, {title: 'AGE', width: 4}, {title: 'TOOK', width: 6}];
	const room = Math.max(20, width - 2 - fixed.reduce((sum, column) => sum + column.width + 1, 0) - 2);
	const robot = Math.min(28, Math.floor(room * 0.45));
	return [fixed[0]!, fixed[1]!, {title: 'ROBOT', width: robot}, {title: 'CUSTOMER', width: room - robot}, fixed[2]!, fixed[3]!, fixed[4]!];
}

export function formatColumns(columns: Column[], values: string[]): string {
	return columns.map((column, index) => fitText(values[index] ?? '', column.width)).join(' ');
}

export function jobRowValues(job: Job, now: number): string[] {
	const customer = job.customer_id === null ? '' : `#${job.customer_id} ${job.customer_name ?? ''}`.trim();
	return [job.status, `#${job.id}`, job.dry_run ? `${job.robot} (dry run)` : job.robot, customer, `${job.attempts}/${job.max_attempts}`, ageOf(job.created_at, now), durationOf(job, now)];
}

export function logLineText(log: JobLog): string {
	const time = log.at.slice(11, 19);
	const where = log.step === null ? 'job' : `step ${log.step}`;
	const took = log.duration_ms === null ? '' : ` (${formatDuration(log.duration_ms)})`;
	const shot = log.screenshot ? ' [screenshot]' : '';
	return `${time} a${log.attempt} ${log.level.toUpperCase().padEnd(5)} ${where}: ${log.message}${took}${shot}`;
}

export function statusColor(status: JobStatus): string {
	return {queued: 'cyan', running: 'yellow', succeeded: 'green', failed: 'red', cancelled: 'gray'}[status];
}

export function levelColor(level: LogLevel): string | undefined {
	return level === 'error' ? 'red' : level === 'warn' ? 'yellow' : level === 'debug' ? 'gray' : undefined;
}

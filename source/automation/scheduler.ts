import type {Db} from '../store/store.js';
import {fireDueSchedules, nextScheduleDue, type Firing} from './schedule-firing.js';

/** Schedules added or changed by others are noticed within this long. */
const lookAgainMs = 1000;

export type SchedulerOptions = {
	db: Db;
	/** The worker's name, kept on each run it fires. */
	worker: string;
	signal: AbortSignal;
	onFiring?: (firing: Firing) => void;
	onTrouble?: (error: unknown) => void;
};

function pause(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, {once: true});
	});
}

/**
 * A worker's schedule clock: fires due schedules, then sleeps until the next due time (at most a
 * second, so a schedule added elsewhere is seen). Trouble with the database (a lock past the busy
 * timeout, PostgreSQL restarting) is reported and tried again, never the end of the worker.
 */
export async function runScheduler(options: SchedulerOptions): Promise<void> {
	while (!options.signal.aborted) {
		let next: number | undefined;
		try {
			for (const firing of await fireDueSchedules(options.db, {worker: options.worker})) options.onFiring?.(firing);
			next = await nextScheduleDue(options.db);
		} catch (error) {
			if (options.signal.aborted) return;
			options.onTrouble?.(error);
		}
		const wait = next === undefined ? lookAgainMs : Math.min(lookAgainMs, Math.max(5, next - Date.now()));
		await pause(wait, options.signal);
	}
}

/** `schedule daily-reminders: 3 jobs for 2026-03-30 09:00:00 Europe/Berlin (batch #4)`. */
export function describeFiring(firing: Firing): string {
	return `schedule ${firing.schedule}: ${firing.jobs} job${firing.jobs === 1 ? '' : 's'} for ${firing.shown}${firing.batchId === null ? '' : ` (batch #${firing.batchId})`}${firing.note ? `; ${firing.note}` : ''}`;
}

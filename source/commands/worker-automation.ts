import {describeFiring, runScheduler} from '../automation/scheduler.js';
import {fireDueSchedules} from '../automation/schedule-firing.js';
import {exitCodes, UserError} from '../store/errors.js';
import type {Db} from '../store/store.js';
import {visible} from '../text/visible.js';
import {needDisplayAdvice} from '../robot/desktop-process.js';
import type {CommandContext} from './command.js';

/** What a worker without a display says when it starts. */
export function headlessStart(owner: string): string {
	return `worker ${owner} started without a display (DISPLAY is not set): it runs robots that need none (email, report, log, update, assert, wait); jobs that need a desktop stay queued for a worker with one`;
}

/**
 * The worker's part in schedules: `first` settles once what is due now has fired (a time missed
 * while no worker ran fires once, as the worker starts); with --once that is all, otherwise the
 * schedule clock runs beside the jobs until the worker stops (`done`).
 */
export function startScheduling(context: CommandContext, db: Db, owner: string, signal: AbortSignal): {first: Promise<void>; done: Promise<void>} {
	const trouble = (error: unknown) => context.say(visible(`worker ${owner}: schedules: ${(error as Error).message}; trying again`));
	const tell = (firing: Parameters<typeof describeFiring>[0]) => context.say(visible(`worker ${owner}: ${describeFiring(firing)}`));
	if (context.flags.once === true) {
		const first = fireDueSchedules(db, {worker: owner}).then(firings => firings.forEach(tell), error => {
			if (error instanceof UserError) throw error;
			trouble(error);
		});
		return {first, done: first};
	}
	return {first: Promise.resolve(), done: runScheduler({db, worker: owner, signal, onFiring: tell, onTrouble: trouble})};
}

/**
 * A worker without a display that was asked to drain the queue (--once) and left jobs only a
 * desktop can run: exit 1 naming what is missing, as a worker that never falls back to a dry run.
 */
export async function leftForDesktop(db: Db): Promise<number> {
	const left = await db.db.selectFrom('jobs').select(eb => eb.fn.countAll<number>().as('jobs')).where('status', '=', 'queued').where('needs_desktop', '=', 1).executeTakeFirst();
	const count = Number(left?.jobs ?? 0);
	if (count === 0) return exitCodes.ok;
	throw new UserError(`no X display: DISPLAY is not set, and ${count} queued job${count === 1 ? ' needs' : 's need'} a desktop. ${needDisplayAdvice}. A worker never falls back to the dry-run driver; the queued jobs stay queued.`);
}

import {exitCodes, UserError} from '../store/errors.js';
import {visible} from '../text/visible.js';
import {RemoteNutDriver} from '../robot/desktop-process.js';
import {displayFor} from '../robot/display-session.js';
import type {DriverName} from '../robot/driver.js';
import {driverNames, openDriver} from '../robot/drivers.js';
import {openJobQueue} from '../robot/open-queue.js';
import {reapLeftovers} from '../robot/process-registry.js';
import {defaultLeaseMs, type JobQueue} from '../robot/queue.js';
import type {VirtualDisplay} from '../robot/virtual-display.js';
import {runWorker} from '../robot/worker.js';
import {defaultWorkerName, workerNameProblem} from '../robot/worker-name.js';
import type {Command} from './command.js';
import {secretKeyFile, secretKeyForReading} from '../secrets/key-file.js';
import {headlessStart, leftForDesktop, startScheduling} from './worker-automation.js';
import {stringFlag, usageError} from './arguments.js';
import {screenFlag} from './robot.js';

const worker: Command = {
	name: 'worker',
	summary: 'run queued robot jobs until stopped (--once: until the queue is empty); needs an X display, --virtual-display, or --driver dry-run',
	usage: 'worker [--once] [--name NAME] [--virtual-display [--screen WxH]] [--driver nut|dry-run] [--lease SECONDS]',
	flags: {once: {type: 'boolean'}, name: {type: 'string'}, virtualDisplay: {type: 'boolean'}, screen: {type: 'string'}, driver: {type: 'string'}, lease: {type: 'string'}},
	async run(context) {
		const driver = stringFlag(context, 'driver') as DriverName | undefined;
		if (driver !== undefined && !driverNames.includes(driver)) throw usageError(worker, `--driver must be ${driverNames.join(' or ')}, got "${visible(driver)}"`);
		const leaseText = stringFlag(context, 'lease');
		if (leaseText !== undefined && !(Number(leaseText) >= 1 && Number(leaseText) <= 3600)) throw usageError(worker, `--lease must be between 1 and 3600 seconds, got "${visible(leaseText)}"`);
		const screen = screenFlag(worker, context);
		const leaseMs = leaseText === undefined ? defaultLeaseMs : Number(leaseText) * 1000;
		const dryRun = driver === 'dry-run';
		const named = stringFlag(context, 'name');
		const nameProblem = named === undefined ? undefined : workerNameProblem(named);
		if (nameProblem) throw usageError(worker, `--name ${nameProblem}`);
		const owner = named ?? defaultWorkerName();
		// What a worker killed with kill -9 left running (its Xvfb, programs its robots opened).
		for (const line of await reapLeftovers()) context.say(line);
		let virtual: VirtualDisplay | undefined;
		let env = process.env;
		let display: string | undefined;
		// No display and none asked for: run the robots that need none (email, log, update, report...).
		const headless = !dryRun && context.flags.virtualDisplay !== true && !process.env.DISPLAY?.trim();
		if (!dryRun && !headless) {
			try {
				({env, display, virtual} = await displayFor({virtual: context.flags.virtualDisplay === true, screen}, context.say));
			} catch (error) {
				if (error instanceof UserError) throw new UserError(`${error.message}. A worker never falls back to the dry-run driver; the queued jobs stay queued.`, error.exitCode);
				throw error;
			}
		} else if (context.flags.virtualDisplay === true) context.say('--driver dry-run touches no display: no virtual display started');
		const stop = new AbortController();
		const onSignal = (signal: NodeJS.Signals) => {
			context.say(`worker ${owner}: ${signal}, stopping after giving the current job back`);
			stop.abort(signal);
		};
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		let spare: RemoteNutDriver | undefined;
		let queue: JobQueue | undefined;
		try {
			// Open the display once now: a dead display fails here, with the queue untouched. The
			// desktop process it started serves the first job (starting one costs a few hundred ms).
			if (!dryRun && !headless) {
				spare = await RemoteNutDriver.start(env).catch(error => {
					throw new UserError(`${(error as Error).message}. The queued jobs stay queued.`);
				});
			}
			context.say(headless ? headlessStart(owner) : `worker ${owner} started (driver ${dryRun ? 'dry-run: jobs are only recorded, nothing is done' : 'nut'}${display ? `, display ${display}` : ''})`);
			const store = await context.store();
			queue = openJobQueue(store, {leaseMs});
			// Running workers fire due schedules (source/automation/scheduler.ts); --once fires what is due now.
			// A dry-run worker fires no schedule: the due time's jobs would be spent on dry runs.
			const scheduling = dryRun ? {first: Promise.resolve(), done: Promise.resolve()} : startScheduling(context, store, owner, stop.signal);
			await scheduling.first;
			const ran = await runWorker({
				queue,
				store,
				databasePath: context.databasePath,
				openDriver: async robot => {
					const driver = await openDriver(dryRun ? 'dry-run' : 'nut', robot, env, spare);
					if (driver === spare) spare = undefined;
					return driver;
				},
				dryRun,
				display,
				heartbeatMs: Math.max(200, Math.floor(leaseMs / 4)),
				owner,
				once: context.flags.once === true,
				signal: stop.signal,
				onEvent: text => context.say(visible(text)),
				headless,
				secretKey: () => secretKeyForReading(secretKeyFile(context.target)),
			});
			stop.abort('done');
			await scheduling.done;
			context.say(`worker ${owner} stopped after ${ran} job${ran === 1 ? '' : 's'}`);
			if (headless && context.flags.once === true) return leftForDesktop(store);
			return exitCodes.ok;
		} finally {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
			await queue?.close();
			await spare?.close();
			await virtual?.stop();
		}
	},
};

export const workerCommands: Command[] = [worker];

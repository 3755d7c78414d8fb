import os from 'node:os';
import {exitCodes} from '../store/errors.js';
import type {DriverName} from '../robot/driver.js';
import {driverNames, openDriver} from '../robot/drivers.js';
import {SqliteJobQueue, defaultLeaseMs} from '../robot/sqlite-queue.js';
import {runWorker} from '../robot/worker.js';
import type {Command} from './command.js';
import {stringFlag, usageError} from './arguments.js';
import {virtualDisplayFor} from './robot.js';

const worker: Command = {
	name: 'worker',
	summary: 'run queued robot jobs until stopped (--once: until the queue is empty)',
	usage: 'worker [--once] [--virtual-display] [--driver nut|dry-run] [--lease SECONDS]',
	flags: {once: {type: 'boolean'}, virtualDisplay: {type: 'boolean'}, driver: {type: 'string'}, lease: {type: 'string'}},
	async run(context) {
		const driver = stringFlag(context, 'driver') as DriverName | undefined;
		if (driver !== undefined && !driverNames.includes(driver)) throw usageError(worker, `--driver must be ${driverNames.join(' or ')}, got "${driver}"`);
		const leaseText = stringFlag(context, 'lease');
		if (leaseText !== undefined && !(Number(leaseText) >= 1 && Number(leaseText) <= 3600)) throw usageError(worker, `--lease must be between 1 and 3600 seconds, got "${leaseText}"`);
		const leaseMs = leaseText === undefined ? defaultLeaseMs : Number(leaseText) * 1000;
		const db = context.database();
		const owner = `${os.hostname()}:${process.pid}`;
		const stop = new AbortController();
		const onSignal = (signal: NodeJS.Signals) => {
			context.say(`worker ${owner}: ${signal}, stopping after giving the current job back`);
			stop.abort(signal);
		};
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		const {env, display} = await virtualDisplayFor(context);
		try {
			// Decide the driver once, and say which: a dead display fails here, not in every job.
			let chosen: DriverName | undefined = driver;
			if (chosen !== 'dry-run') {
				const probe = await openDriver(chosen, context.say, env);
				chosen = probe.name;
				await probe.close();
			}
			context.say(`worker ${owner} started (driver ${chosen}${env.DISPLAY ? `, display ${env.DISPLAY}` : ''})`);
			const ran = await runWorker({
				queue: new SqliteJobQueue(db, {leaseMs}),
				db,
				databasePath: context.databasePath,
				openDriver: () => openDriver(chosen, context.say, env),
				heartbeatMs: Math.max(200, Math.floor(leaseMs / 4)),
				owner,
				once: context.flags.once === true,
				signal: stop.signal,
				onEvent: text => context.say(text),
			});
			context.say(`worker ${owner} stopped after ${ran} job${ran === 1 ? '' : 's'}`);
			return exitCodes.ok;
		} finally {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
			await display?.stop();
		}
	},
};

export const workerCommands: Command[] = [worker];

import type {Db} from '../store/store.js';
import {chooseMailServer} from '../mail/mail-server-choice.js';
import {jobMailer} from '../mail/job-mailer.js';
import type {SecretKey} from '../secrets/key-file.js';
import {openRobotSecrets} from './run-secrets.js';
import {reportWriter} from './report-action.js';
import {requireCustomer} from '../customers/customers.js';
import type {Customer} from '../customers/customer-fields.js';
import {waitForDisplay, type DisplayLock} from './display-lock.js';
import type {DesktopDriver} from './driver.js';
import type {JobQueue, Lease} from './queue.js';
import type {Robot} from './robot.js';
import {robotFromText} from './robot-file.js';
import {imageStore} from './robot-images.js';
import {RunStopped, runRobot, type RunRecorder} from './runner.js';
import {screenshotNamer} from './screenshots.js';

export type JobOutcome = 'succeeded' | 'retrying' | 'failed' | 'lost';

export type WorkerContext = {
	queue: JobQueue;
	/** Where the job's customer is read (the queue holds only its id). */
	store: Db;
	databasePath: string;
	/** A fresh driver per job: a desktop process that died with the last job does not doom the next. */
	openDriver: (robot: Robot) => Promise<DesktopDriver>;
	/** Jobs run on the dry-run driver: they are marked so in the queue. */
	dryRun?: boolean;
	/** How often the lease is renewed while a job runs. */
	heartbeatMs: number;
	onEvent?: (text: string) => void;
	/** The worker is shutting down (Ctrl+C, SIGTERM): stop the job and give it back for a retry. */
	shutdown?: AbortSignal;
	/** Opens the stored secrets (`{{secrets.NAME}}`, the mail server `smtp`). */
	secretKey?: () => SecretKey;
};

/** Jobs of one robot carry the same text: parse it once (YAML and validation cost ~1 ms a job). */
const parsedRobots = new Map<string, Robot>();

function robotOf(lease: Lease): Robot {
	let robot = parsedRobots.get(lease.robotText);
	if (!robot) {
		robot = robotFromText(lease.robotText, lease.robotFile);
		if (parsedRobots.size >= 50) parsedRobots.delete(parsedRobots.keys().next().value!);
		parsedRobots.set(lease.robotText, robot);
	}
	return robot;
}

/** Runs one leased job to its end: succeeded, retried later, failed, or lost to another worker. */
export async function runJob(lease: Lease, context: WorkerContext): Promise<JobOutcome> {
	const {queue} = context;
	const stop = new AbortController();
	const heartbeat = setInterval(() => {
		queue.heartbeat(lease).then(held => {
			if (!held) stop.abort(`job #${lease.jobId} was cancelled or taken over`);
		}, () => {});
	}, context.heartbeatMs);
	const onShutdown = () => stop.abort('the worker was stopped');
	context.shutdown?.addEventListener('abort', onShutdown, {once: true});
	let driver: DesktopDriver | undefined;
	/** Ends what the job opened while its lease is held, so the log can say so. */
	const endPrograms = async () => {
		const programs = (driver as {programs?: {endAll(): Promise<string[]>}} | undefined)?.programs;
		for (const line of (await programs?.endAll()) ?? []) await queue.log(lease, 'info', line).catch(() => {});
	};
	try {
		const robot = robotOf(lease);
		const customer: Customer | undefined = lease.customerId === null ? undefined : await requireCustomer(context.store, lease.customerId);
		const secrets = await openRobotSecrets(context.store, context.secretKey, robot);
		driver = await context.openDriver(robot);
		const mailer = jobMailer({db: context.store, job: {id: lease.jobId, attempt: lease.attempt}, server: () => chooseMailServer(context.store, context.secretKey)});
		const recorder: RunRecorder = {
			stepStarted: async () => {},
			stepFinished: async (record, effect) => {
				// Said once it is recorded, with its effect: a step whose effect was refused never reads as done.
				const saved = await queue.finishStep(lease, record, effect);
				context.onEvent?.(`job #${lease.jobId} step ${record.number} ${record.name}: ${record.level} ${record.message}`);
				return saved;
			},
		};
		const result = await runRobot(robot, {
			driver, recorder, customer, signal: stop.signal, images: imageStore(lease.images), secrets, mailer, reporter: reportWriter(context.store, context.databasePath),
			screenshotFile: screenshotNamer(context.databasePath, `job-${lease.jobId}-attempt-${lease.attempt}`),
		});
		await endPrograms();
		if (result.ok) return (await queue.succeed(lease)) ? 'succeeded' : 'lost';
		return queue.fail(lease, result.message, {final: result.final === true});
	} catch (error) {
		await endPrograms();
		if (error instanceof RunStopped) {
			return context.shutdown?.aborted ? queue.fail(lease, 'the worker was stopped during this attempt') : 'lost';
		}
		return queue.fail(lease, (error as Error).message);
	} finally {
		clearInterval(heartbeat);
		context.shutdown?.removeEventListener('abort', onShutdown);
		await driver?.close().catch(() => {});
	}
}

export type WorkerOptions = WorkerContext & {
	/** Names this worker in leases and logs. */
	owner: string;
	/** Leave when nothing is queued or running (waiting for retries and other workers' leases first). */
	once: boolean;
	signal: AbortSignal;
	/** How long to sleep when nothing is due and nothing announced (default: the queue's idleMs). */
	idleMs?: number;
	/** The X display the jobs run on: held for each whole job, so two robots never type into one desktop at once. */
	display?: string;
	/** No display: lease only jobs whose robots need none (email, log, update, ...). */
	headless?: boolean;
};

/** Leases and runs jobs until stopped (or, with `once`, until the queue is drained). Resolves to the number of jobs run. */
export async function runWorker(options: WorkerOptions): Promise<number> {
	let ran = 0;
	const idleMs = options.idleMs ?? options.queue.idleMs;
	while (!options.signal.aborted) {
		let lock: DisplayLock | undefined;
		if (options.display) {
			try {
				lock = await waitForDisplay(options.display, `worker ${options.owner}, between jobs`, {
					signal: options.signal,
					onWait: busy => options.onEvent?.(`${busy.message}; waiting until it is free`),
				});
			} catch {
				break;
			}
		}
		try {
			const lease = await options.queue.lease(options.owner, {dryRun: options.dryRun, headless: options.headless});
			if (lease) {
				lock?.describe(`worker ${options.owner}, running job #${lease.jobId} (${lease.robot})`);
				options.onEvent?.(`job #${lease.jobId} (${lease.robot}) attempt ${lease.attempt}: started`);
				const outcome = await runJob(lease, {...options, shutdown: options.signal});
				options.onEvent?.(`job #${lease.jobId} (${lease.robot}) attempt ${lease.attempt}: ${outcome}`);
				ran++;
				continue;
			}
		} finally {
			await lock?.release();
		}
		const wakeup = await options.queue.nextWakeup({headless: options.headless});
		if (options.once && wakeup === undefined) break;
		await options.queue.waitForWork(Math.max(20, Math.min(wakeup ?? idleMs, idleMs)), options.signal);
	}
	return ran;
}

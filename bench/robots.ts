// Robots: jobs a second through the queue (dry-run driver, one and two worker processes),
// and the runner's overhead per step against a bare loop of the same nut-js calls under Xvfb.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {createCustomer} from '../source/customers/customers.js';
import {openOpsdesk, openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {RemoteNutDriver} from '../source/robot/desktop-process.js';
import {DryRunDriver} from '../source/robot/dry-run-driver.js';
import {enqueueRobot} from '../source/robot/enqueue.js';
import {robotFromText} from '../source/robot/robot-file.js';
import {runRobot, type RunRecorder} from '../source/robot/runner.js';
import {openJobQueue} from '../source/robot/open-queue.js';
import {startVirtualDisplay} from '../source/robot/virtual-display.js';
import {benchFolder} from './support.js';
import {benchRobotsFrame} from './robots-frame.js';
import {benchTyping} from './robots-typing.js';

const cli = path.resolve('dist/cli.js');
const jobsPerRun = 1500;

function freshDatabase(name: string): string {
	const file = path.join(benchFolder(), name);
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
	return file;
}

/** A database with `jobsPerRun` queued jobs, one per customer, of a robot that types, presses a key and logs. */
async function queueOfJobs(name: string, count = jobsPerRun, extraStep = ''): Promise<string> {
	const file = freshDatabase(name);
	const store = await openOpsdeskStore(databaseTarget(file), {changePollMs: 0});
	const robot = path.join(benchFolder(), 'bench-robot.yaml');
	fs.writeFileSync(robot, `name: bench\nsteps:\n  - type: "{{customer.name}}"\n  - key: Tab\n  - log: { subject: "Typed {{customer.name}}" }\n${extraStep}`);
	try {
		const ids = await store.write(async tx => {
			const made: number[] = [];
			for (let index = 0; index < count; index++) made.push((await createCustomer(tx, {name: `Bench ${index}`})).id);
			return made;
		});
		const queue = openJobQueue(store);
		await enqueueRobot(queue, store, {file: robot, customerIds: ids});
		await queue.close();
	} finally {
		await store.close();
	}
	return file;
}

function worker(file: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'worker', '--once', '--driver', 'dry-run', '--db', file], {stdio: 'ignore'});
		child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
	});
}

async function jobsPerSecond(workers: number, count = jobsPerRun, extraStep = ''): Promise<number> {
	const file = await queueOfJobs(`robots-${workers}.db`, count, extraStep);
	const started = performance.now();
	await Promise.all(Array.from({length: workers}, () => worker(file)));
	return count / ((performance.now() - started) / 1000);
}

/** The queue alone in one process: lease, three step rows, succeed. What the workers' figure is bounded by. */
async function bareQueuePerSecond(): Promise<number> {
	const file = await queueOfJobs('robots-bare.db');
	const db = openOpsdesk(file);
	const queue = openJobQueue(db);
	const started = performance.now();
	for (let lease = await queue.lease('bench'); lease; lease = await queue.lease('bench')) {
		for (let step = 1; step <= 3; step++) await queue.finishStep(lease, {number: step, name: 'type', level: 'info', message: 'typed', durationMs: 0});
		await queue.succeed(lease);
	}
	const seconds = (performance.now() - started) / 1000;
	db.close();
	return jobsPerRun / seconds;
}

const quietRecorder: RunRecorder = {stepStarted: async () => {}, stepFinished: async () => ({})};
// Where the robot runs as a job, the step rows are written too: the figure below is the runner and desktop-process round trip.

async function runnerOverhead(): Promise<void> {
	const hasXvfb = spawnSync('sh', ['-c', 'command -v Xvfb'], {stdio: 'ignore'}).status === 0;
	if (!hasXvfb) {
		console.log('runner overhead per step: skipped (install xvfb)');
		return;
	}
	const display = await startVirtualDisplay();
	try {
		const steps = 200;
		const env = {...process.env, DISPLAY: display.display};
		const bare = spawnSync(process.execPath, ['--import', 'tsx', 'bench/robots-bare-nut.ts', String(steps)], {env, encoding: 'utf8'});
		const {perCallMs} = JSON.parse(bare.stdout) as {perCallMs: number};
		const robot = robotFromText(`name: moves\nsteps:\n${Array.from({length: steps}, (_, index) => `  - move: { x: ${10 + (index % 500)}, y: ${10 + (index % 300)} }`).join('\n')}\n`, 'moves.yaml');
		const driver = await RemoteNutDriver.start(env);
		await driver.perform({action: 'move', at: {x: 1, y: 1}});
		const started = performance.now();
		await runRobot(robot, {driver, recorder: quietRecorder, screenshotFile: label => path.join(benchFolder(), 'screenshots', `${label}.png`)});
		const runnerMs = (performance.now() - started) / steps;
		await driver.close();

		const dryStarted = performance.now();
		await runRobot(robot, {driver: new DryRunDriver(), recorder: quietRecorder, screenshotFile: label => path.join(benchFolder(), 'screenshots', `${label}.png`)});
		const dryMs = (performance.now() - dryStarted) / steps;
		console.log(`bare nut-js mouse.setPosition loop: ${perCallMs.toFixed(2)} ms a call`);
		console.log(`runner move step (nut driver in its desktop process): ${runnerMs.toFixed(2)} ms a step; overhead ${(runnerMs - perCallMs).toFixed(2)} ms a step (goal <= 5 ms)`);
		console.log(`runner alone (dry-run driver, no log rows): ${(dryMs * 1000).toFixed(0)} µs a step`);
	} finally {
		await display.stop();
	}
}

export async function benchRobots(): Promise<void> {
	const bare = await bareQueuePerSecond();
	const one = await jobsPerSecond(1);
	const two = await jobsPerSecond(2);
	console.log(`queue alone in one process (lease, 3 step rows, succeed): ${bare.toFixed(0)} jobs/s`);
	console.log(`one worker process, dry-run driver (3 steps, each a log row; a dry run writes nothing else): ${one.toFixed(0)} jobs/s (${(one / bare).toFixed(2)}x the bare queue)`);
	console.log(`two worker processes on one database: ${two.toFixed(0)} jobs/s (${(two / one).toFixed(2)}x one worker: SQLite has one writer, and these jobs do nothing but write)`);
	// Real robots spend their time at the desktop, not in the queue: a 50 ms step stands in for that.
	const slowOne = await jobsPerSecond(1, 100, '  - wait: 50ms\n');
	const slowTwo = await jobsPerSecond(2, 100, '  - wait: 50ms\n');
	console.log(`with a 50 ms step per job: one worker ${slowOne.toFixed(1)} jobs/s, two workers ${slowTwo.toFixed(1)} jobs/s (${(slowTwo / slowOne).toFixed(2)}x)`);
	await runnerOverhead();
	await benchTyping();
	await benchRobotsFrame();
}

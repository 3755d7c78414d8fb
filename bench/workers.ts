// Worker scaling: jobs a second with 1, 2 and 4 worker processes on each engine, on jobs that
// only write (one `log` step: an interaction on the customer's timeline). Each worker has a
// virtual display of its own, as a host would; the figure counts from the first job's start to
// the last job's end (the jobs' own timestamps), so starting the displays is not in it.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {createCustomer} from '../source/customers/customers.js';
import {openOpsdeskStore} from '../source/open-opsdesk.js';
import {openJobQueue} from '../source/robot/open-queue.js';
import {databaseTarget} from '../source/store/target.js';
import {benchFolder} from './support.js';

const cli = path.resolve('dist/cli.js');
const jobs = 1000;
const robotText = 'name: note\nsteps:\n  - log: { kind: robot, subject: "Checked {{customer.name}}" }\n';

async function freshTarget(engine: 'sqlite' | 'postgres', name: string, serverUrl: string): Promise<string> {
	if (engine === 'sqlite') {
		const file = path.join(benchFolder(), `${name}.db`);
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
		return file;
	}
	const admin = new pg.Client({connectionString: serverUrl});
	await admin.connect();
	try {
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

function worker(target: string, name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'worker', '--once', '--virtual-display', '--name', name, '--db', target], {stdio: ['ignore', 'ignore', 'pipe']});
		let errors = '';
		child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
		child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`worker ${name} exited ${code}: ${errors.trim().split('\n').at(-1)}`))));
	});
}

async function jobsPerSecond(engine: 'sqlite' | 'postgres', workers: number, serverUrl: string): Promise<number> {
	const target = await freshTarget(engine, `opsdesk_bench_workers_${engine}_${workers}`, serverUrl);
	const store = await openOpsdeskStore(databaseTarget(target), {changePollMs: 0});
	try {
		const customers = await store.write(async tx => {
			const made: number[] = [];
			for (let index = 0; index < jobs; index++) made.push((await createCustomer(tx, {name: `Bench ${index}`})).id);
			return made;
		});
		const queue = openJobQueue(store);
		await queue.enqueue(customers.map(customerId => ({robot: 'note', robotFile: 'note.yaml', robotText, customerId})));
		await queue.close();
		await Promise.all(Array.from({length: workers}, (_, index) => worker(target, `bench-host-${index + 1}`)));
		const span = await store.db.selectFrom('jobs')
			.select(eb => [eb.fn.min('started_at').as('first'), eb.fn.max('finished_at').as('last'), eb.fn.countAll<number>().as('done')])
			.where('status', '=', 'succeeded').executeTakeFirstOrThrow();
		if (Number(span.done) !== jobs) throw new Error(`${engine}, ${workers} workers: ${span.done} of ${jobs} jobs succeeded`);
		return jobs / ((Date.parse(String(span.last)) - Date.parse(String(span.first))) / 1000);
	} finally {
		await store.close();
	}
}

/** Prints jobs a second for 1, 2 and 4 workers on SQLite and on the PostgreSQL server at `serverUrl`, each as a ratio to one worker on the same engine. */
export async function benchWorkerScaling(serverUrl: string): Promise<void> {
	console.log(`  worker scaling, ${jobs} jobs of one log step, each worker with its own virtual display:`);
	for (const engine of ['sqlite', 'postgres'] as const) {
		let one = 0;
		for (const workers of [1, 2, 4]) {
			const rate = await jobsPerSecond(engine, workers, serverUrl);
			if (workers === 1) one = rate;
			const goal = engine === 'postgres' && workers === 4 ? ' (goal >= 2.5x)' : '';
			console.log(`  ${engine.padEnd(10)} ${workers} worker${workers === 1 ? ' ' : 's'} ${rate.toFixed(0).padStart(6)} jobs/s  ${(rate / one).toFixed(2)}x one worker${goal}`);
		}
	}
}

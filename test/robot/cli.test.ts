import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {migrations} from '../../source/migrations.js';
import {openStore} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {opsdesk, runOpsdesk} from '../support/cli.js';
import {dbOf, tempFolder} from '../support/temp-db.js';
import {databaseDump} from './support/db-dump.js';
import {spawn} from 'node:child_process';
import {cliPath} from '../support/cli.js';

function freshDatabase(): string {
	return path.join(tempFolder(), 'opsdesk.db');
}

async function addCustomer(db: string, name: string, email = ''): Promise<number> {
	const result = await opsdesk(['customers', 'add', '--name', name, ...(email ? ['--email', email] : []), '--db', db]);
	expect(result.stderr).toContain('added customer');
	return Number(result.stdout.trim());
}

/** A worker process that runs until the queue is drained. */
function worker(db: string): Promise<{code: number | null; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cliPath, 'worker', '--once', '--driver', 'dry-run', '--db', db], {env: {...process.env, NO_COLOR: '1'}});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		child.on('exit', code => resolve({code, stderr}));
	});
}

describe('opsdesk robot and jobs commands', () => {
	it('robot check lists every problem with file, line and step, and exits 2', async () => {
		const bad = path.resolve('test/robot/robots/broken.yaml');
		const result = await opsdesk(['robot', 'check', bad, 'fixtures/robots/enter-customer.yaml', '--db', freshDatabase()]);
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			`${bad}:5: step 2 (click): x: expected a number of pixels`,
			expect.stringMatching(new RegExp(`^${bad}:6: step 3 \\(key\\): unknown key "Retrun"`)),
			expect.stringMatching(new RegExp(`^${bad}:7: step 4 \\(type\\): unknown variable \\{\\{customer\\.emial\\}\\}`)),
			'fixtures/robots/enter-customer.yaml: ok (robot enter-customer, 9 steps)',
		]);
		expect((await opsdesk(['robot', 'check', 'fixtures/robots/enter-customer.yaml'])).code).toBe(0);
	});

	it('robot check refuses keys no X11 desktop can press, huge files, alias bombs and durations past 24 hours', async () => {
		const folder = tempFolder();
		const write = (name: string, text: string) => {
			fs.writeFileSync(path.join(folder, name), text);
			return path.join(folder, name);
		};
		const fn = await opsdesk(['robot', 'check', write('fn.yaml', 'name: fn\nsteps:\n  - key: Fn+F5\n')]);
		expect(fn.code).toBe(2);
		expect(fn.stderr).toContain('fn.yaml:3: step 1 (key): the key "Fn" in "Fn+F5" cannot be pressed on an X11 desktop');
		const bomb = ['name: bomb', 'vars:', '  a: &a "lol"', 'steps:', ...Array.from({length: 120}, () => '  - type: *a')].join('\n');
		const bombed = await opsdesk(['robot', 'check', write('bomb.yaml', bomb)]);
		expect(bombed.code).toBe(2);
		expect(bombed.stderr).toMatch(/bomb\.yaml:105: more than 100 YAML aliases/);
		const big = await opsdesk(['robot', 'check', write('big.yaml', `name: big\nsteps:\n  - type: "${'x'.repeat(1_100_000)}"\n`)]);
		expect(big.code).toBe(2);
		expect(big.stderr).toContain('big.yaml:1: is 1.0 MB; a robot file may be at most 1 MB');
		const long = await opsdesk(['robot', 'check', write('long.yaml', 'name: long\nsteps:\n  - wait: 25h\n  - wait: 2147484s\n  - wait: 24h\n')]);
		expect(long.stderr.split('\n').filter(Boolean)).toEqual([
			`${folder}/long.yaml:3: step 1 (wait): "25h" is longer than 24h, the longest a step may wait`,
			`${folder}/long.yaml:4: step 2 (wait): "2147484s" is longer than 24h, the longest a step may wait`,
		]);
		fs.mkdirSync(path.join(folder, 'folder.yaml'));
		const dir = await opsdesk(['robot', 'check', path.join(folder, 'folder.yaml')]);
		expect([dir.code, dir.stderr.trim()]).toEqual([2, `${folder}/folder.yaml:1: is a folder, not a robot file`]);
	});

	it('robot list skips files it cannot read, with a warning, and lists the rest', async () => {
		const folder = tempFolder();
		fs.copyFileSync('fixtures/robots/mark-active.yaml', path.join(folder, 'mark-active.yaml'));
		fs.mkdirSync(path.join(folder, 'x.yaml'));
		fs.writeFileSync(path.join(folder, 'evil.yaml'), 'name: evil\ndescription: "\\e[2J\\e]52;c;aGk=\\a"\nsteps:\n  - wait: 1ms\n');
		const listed = await opsdesk(['robot', 'list', '--robots', folder, '--db', freshDatabase()]);
		expect(listed.code).toBe(0);
		expect(listed.stderr).toContain(`warning: skipped ${folder}/x.yaml:1: is a folder, not a robot file`);
		expect(listed.stdout).toContain('mark-active');
		expect(listed.stdout).toContain('␛[2J␛]52;c;aGk=␇');
		expect(listed.stdout).not.toContain('\u001B');
		const json = JSON.parse((await opsdesk(['robot', 'list', '--robots', folder, '--json'])).stdout) as Array<{description: string}>;
		expect(json.map(robot => robot.description)).toContain('\u001B[2J\u001B]52;c;aGk=\u0007');
	});

	it('robot run --driver dry-run prints what it would do for the customer and leaves the database as it was', async () => {
		const db = freshDatabase();
		const id = await addCustomer(db, 'Zoë Ångström', 'zoe@example.com');
		const handle = openOpsdesk(db);
		const before = databaseDump(handle);
		handle.close();
		const result = await opsdesk(['robot', 'run', 'fixtures/robots/enter-customer.yaml', '--customer', String(id), '--driver', 'dry-run', '--json', '--db', db]);
		expect(result.code).toBe(0);
		const run = JSON.parse(result.stdout) as {ok: boolean; dry_run: boolean; actions: unknown[]; steps: Array<{message: string}>};
		expect(run).toMatchObject({ok: true, dry_run: true});
		expect(run.steps).toHaveLength(9);
		expect(run.actions).toContainEqual({action: 'type', text: 'Zoë Ångström'});
		expect(run.steps.at(-1)!.message).toBe(`would log "Entered Zoë Ångström in the legacy form" on customer #${id} (dry run: nothing written)`);
		const check = openOpsdesk(db);
		expect(databaseDump(check)).toBe(before);
		check.close();
		const mark = await opsdesk(['robot', 'run', 'mark-active', '--robots', 'fixtures/robots', '--customer', String(id), '--driver', 'dry-run', '--db', db]);
		expect(mark.stdout).toContain(`would set status lead → active on customer #${id}`);
		expect(mark.stderr).toContain('finished 2 steps (dry run)');
	});

	it('runs a robot that needs no desktop without a display, finding it by name in the robots folder', async () => {
		const db = freshDatabase();
		const id = await addCustomer(db, 'Ada');
		const run = await opsdesk(['robot', 'run', 'mark-active', '--customer', String(id), '--db', db], {env: {DISPLAY: '', OPSDESK_ROBOTS: path.resolve('fixtures/robots')}});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`step 1 update: ok`);
		expect(run.stdout).toContain(`set status lead → active on customer #${id}`);
		const listed = JSON.parse((await opsdesk(['robot', 'list', '--json', '--db', db], {env: {OPSDESK_ROBOTS: path.resolve('fixtures/robots')}})).stdout) as Array<{name: string; problems: number}>;
		expect(listed.map(robot => robot.name)).toContain('pyautogui-example');
		expect(listed.every(robot => robot.problems === 0)).toBe(true);
		const missing = await opsdesk(['robot', 'run', 'no-such-robot', '--robots', 'fixtures/robots', '--db', db]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no-such-robot: no such robot file');
	});

	it('robot run exits 4 when a step fails, naming the step', async () => {
		const result = await opsdesk(['robot', 'run', 'test/robot/robots/fails.yaml', '--driver', 'dry-run', '--db', freshDatabase()]);
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('failed at step 2 (assert, line 5): "yes" does not equal "no"');
	});

	it('a robot that needs a desktop refuses to run without a display, and never falls back to a dry run', async () => {
		const env = {DISPLAY: ''};
		const result = await opsdesk(['robot', 'run', 'fixtures/robots/pyautogui-example.yaml', '--db', freshDatabase()], {env});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('no X display: DISPLAY is not set');
		expect(result.stderr).toContain('--virtual-display');
		const dead = await opsdesk(['robot', 'run', 'fixtures/robots/pyautogui-example.yaml', '--driver', 'nut', '--db', freshDatabase()], {env: {DISPLAY: ':987'}});
		expect(dead.code).toBe(1);
		expect(dead.stderr).toContain('cannot open the X display :987');
		expect(dead.stderr).not.toMatch(/at .*\.js:\d+/);
	});

	it('a worker with no display exits 1 naming it, leaving the jobs queued', async () => {
		const db = freshDatabase();
		const id = await addCustomer(db, 'Ada');
		await opsdesk(['robot', 'enqueue', 'fixtures/robots/enter-customer.yaml', '--customer', String(id), '--db', db]);
		const ran = await opsdesk(['worker', '--once', '--db', db], {env: {DISPLAY: ''}});
		expect(ran.code).toBe(1);
		expect(ran.stderr).toContain('no X display: DISPLAY is not set');
		expect(ran.stderr).toContain('never falls back to the dry-run driver');
		const jobs = JSON.parse((await opsdesk(['jobs', 'list', '--json', '--db', db])).stdout) as Array<{status: string; attempts: number}>;
		expect(jobs).toEqual([expect.objectContaining({status: 'queued', attempts: 0})]);
		expect(handleOf(db).prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({n: 0});
	});

	it('enqueue, list, show, cancel and retry jobs; a dry-run worker drains the queue and the jobs say they were dry runs', async () => {
		const db = freshDatabase();
		await addCustomer(db, 'Ada Lovelace');
		// A search queues its customers in name order: Byron's job first.
		const ada = await addCustomer(db, 'Ada Byron');
		await addCustomer(db, 'Grace Hopper');
		const queued = await opsdesk(['robot', 'enqueue', 'fixtures/robots/mark-active.yaml', '--search', 'ada', '--priority', 'high', '--db', db]);
		expect(queued.stderr).toContain('queued 2 jobs of robot mark-active');
		const [first, second] = queued.stdout.trim().split('\n').map(Number);
		expect((await opsdesk(['jobs', 'cancel', String(second), '--db', db])).code).toBe(0);
		const list = JSON.parse((await opsdesk(['jobs', 'list', '--json', '--db', db])).stdout) as Array<{id: number; status: string; priority: string}>;
		expect(list.map(job => [job.id, job.status, job.priority])).toEqual([[second, 'cancelled', 'high'], [first, 'queued', 'high']]);
		const ran = await opsdesk(['worker', '--once', '--driver', 'dry-run', '--db', db]);
		expect(ran.code).toBe(0);
		expect(ran.stderr).toContain('stopped after 1 job');
		expect((await opsdesk(['jobs', 'retry', String(second), '--db', db])).stderr).toContain('is queued again');
		await opsdesk(['worker', '--once', '--driver', 'dry-run', '--db', db]);
		const shown = JSON.parse((await opsdesk(['jobs', 'show', String(first), '--json', '--db', db])).stdout) as {status: string; dry_run: boolean; customer_id: number; logs: Array<{step: number | null; message: string}>};
		expect(shown).toMatchObject({status: 'succeeded', dry_run: true, customer_id: ada});
		expect(shown.logs.filter(log => log.step !== null).map(log => log.message)).toEqual([
			`would set status lead → active on customer #${ada} (dry run: nothing written)`,
			`would log "Follow up with Ada Byron" on customer #${ada} (dry run: nothing written)`,
		]);
		const text = (await opsdesk(['jobs', 'show', String(first), '--db', db])).stdout;
		expect(text).toMatch(/status\s+succeeded/);
		expect(text).toMatch(/dry run\s+yes/);
		expect((await opsdesk(['jobs', 'list', '--db', db])).stdout).toMatch(new RegExp(`${first}\\s+succeeded \\(dry run\\)\\s+mark-active`));
		expect(JSON.parse((await opsdesk(['jobs', 'list', '--status', 'succeeded', '--json', '--db', db])).stdout)).toHaveLength(2);
		expect(handleOf(db).prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({n: 0});
		const refused = await opsdesk(['jobs', 'retry', String(first), '--db', db]);
		expect(refused.code).toBe(3);
		const none = await opsdesk(['jobs', 'list', '--status', 'failed', '--db', db]);
		expect([none.code, none.stderr.trim()]).toEqual([0, 'no failed jobs']);
	});

	it('shows hostile names in job tables and logs harmlessly, and exactly in --json', async () => {
		const db = freshDatabase();
		const evil = 'Evil \u001B[2J\u001B]52;c;aGk=\u0007 \u202Egnp.exe';
		const id = await addCustomer(db, 'Placeholder');
		// Validation refuses such a name today; a row written by an older version or another tool
		// still holds one, and every output must stay harmless.
		const raw = openOpsdesk(db);
		raw.prepare('UPDATE customers SET name = ? WHERE id = ?').run(evil, id);
		raw.close();
		const robot = path.join(tempFolder(), 'r.yaml');
		fs.writeFileSync(robot, 'name: shout\nsteps:\n  - log: { subject: "hello {{customer.name}}" }\n  - assert: { value: "{{customer.name}}", equals: "x" }\n');
		await opsdesk(['robot', 'enqueue', robot, '--customer', String(id), '--max-attempts', '1', '--db', db]);
		const ran = await opsdesk(['worker', '--once', '--driver', 'dry-run', '--db', db]);
		const run = await opsdesk(['robot', 'run', robot, '--customer', String(id), '--driver', 'dry-run', '--db', db]);
		const list = await opsdesk(['jobs', 'list', '--db', db]);
		const show = await opsdesk(['jobs', 'show', '1', '--db', db]);
		for (const output of [ran.stderr, run.stdout, run.stderr, list.stdout, show.stdout]) {
			expect(output).not.toMatch(/[\u001B\u0007\u202E]/);
		}
		expect(show.stdout).toContain('Evil ␛[2J␛]52;c;aGk=␇ <U+202E>gnp.exe');
		const json = JSON.parse((await opsdesk(['jobs', 'show', '1', '--json', '--db', db])).stdout) as {customer_name: string; last_error: string};
		expect(json.customer_name).toBe(evil);
		// The dry run checks the log's subject as a real run would: the name's controls stop it at step 1.
		expect(json.last_error).toMatch(/^step 1 \(log, line 3\): subject: .*control characters/);
	});

	it('two workers racing over one queue run each job exactly once', async () => {
		const db = freshDatabase();
		const setup = openOpsdesk(db);
		const ids: number[] = [];
		for (let index = 0; index < 12; index++) ids.push((await createCustomer(dbOf(setup), {name: `Racer ${index}`})).id);
		setup.close();
		const robot = path.join(tempFolder(), 'noter.yaml');
		fs.writeFileSync(robot, 'name: noter\nsteps:\n  - log: { subject: "seen {{customer.name}}" }\n');
		const enqueue = runOpsdesk(['robot', 'enqueue', robot, ...ids.flatMap(id => ['--customer', String(id)]), '--db', db]);
		expect(enqueue.code).toBe(0);
		const [a, b] = await Promise.all([worker(db), worker(db)]);
		expect([a.code, b.code]).toEqual([0, 0]);
		const jobs = JSON.parse(runOpsdesk(['jobs', 'list', '--json', '--db', db]).stdout) as Array<{status: string; attempts: number}>;
		expect(jobs).toHaveLength(12);
		expect(jobs.every(job => job.status === 'succeeded' && job.attempts === 1)).toBe(true);
		const check = await openStore(databaseTarget(db), {migrations, changePollMs: 0});
		try {
			for (const id of ids) expect(await listInteractions(check, id)).toHaveLength(0);
		} finally {
			await check.close();
		}
	});
});

const handles: Array<ReturnType<typeof openOpsdesk>> = [];
function handleOf(db: string) {
	const handle = openOpsdesk(db);
	handles.push(handle);
	return handle;
}

import {spawn} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {cliPath, runOpsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

function freshDatabase(): string {
	return path.join(tempFolder(), 'opsdesk.db');
}

function addCustomer(db: string, name: string, email = ''): number {
	const result = runOpsdesk(['customers', 'add', '--name', name, ...(email ? ['--email', email] : []), '--db', db]);
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
	it('robot check lists every problem with file, line and step, and exits 2', () => {
		const bad = path.resolve('test/robot/robots/broken.yaml');
		const result = runOpsdesk(['robot', 'check', bad, 'fixtures/robots/enter-customer.yaml', '--db', freshDatabase()]);
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			`${bad}:5: step 2 (click): x: expected a number of pixels`,
			expect.stringMatching(new RegExp(`^${bad}:6: step 3 \\(key\\): unknown key "Retrun"`)),
			expect.stringMatching(new RegExp(`^${bad}:7: step 4 \\(type\\): unknown variable \\{\\{customer\\.emial\\}\\}`)),
			'fixtures/robots/enter-customer.yaml: ok (robot enter-customer, 9 steps)',
		]);
		expect(runOpsdesk(['robot', 'check', 'fixtures/robots/enter-customer.yaml']).code).toBe(0);
	});

	it('robot run --driver dry-run prints the actions it would take for the customer, and logs on their timeline', () => {
		const db = freshDatabase();
		const id = addCustomer(db, 'Zoë Ångström', 'zoe@example.com');
		const result = runOpsdesk(['robot', 'run', 'fixtures/robots/enter-customer.yaml', '--customer', String(id), '--driver', 'dry-run', '--json', '--db', db]);
		expect(result.code).toBe(0);
		const run = JSON.parse(result.stdout) as {ok: boolean; actions: unknown[]; steps: Array<{level: string}>};
		expect(run.ok).toBe(true);
		expect(run.steps).toHaveLength(9);
		expect(run.actions).toContainEqual({action: 'type', text: 'Zoë Ångström'});
		expect(run.actions).toContainEqual({action: 'type', text: 'zoe@example.com'});
		const timeline = runOpsdesk(['interactions', 'list', String(id), '--json', '--db', db]);
		expect(JSON.parse(timeline.stdout)).toEqual([expect.objectContaining({subject: 'Entered Zoë Ångström in the legacy form', actor: 'enter-customer'})]);
	});

	it('finds robots by name in the robots folder and lists them', () => {
		const db = freshDatabase();
		const id = addCustomer(db, 'Ada');
		const run = runOpsdesk(['robot', 'run', 'mark-active', '--robots', 'fixtures/robots', '--customer', String(id), '--driver', 'dry-run', '--db', db]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('step 1 update: ok');
		const listed = JSON.parse(runOpsdesk(['robot', 'list', '--robots', 'fixtures/robots', '--json', '--db', db]).stdout) as Array<{name: string; problems: number}>;
		expect(listed.map(robot => robot.name)).toContain('pyautogui-example');
		expect(listed.every(robot => robot.problems === 0)).toBe(true);
		const missing = runOpsdesk(['robot', 'run', 'no-such-robot', '--robots', 'fixtures/robots', '--db', db]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no-such-robot: no such robot file');
	});

	it('robot run exits 4 when a step fails, naming the step', () => {
		const result = runOpsdesk(['robot', 'run', 'test/robot/robots/fails.yaml', '--driver', 'dry-run', '--db', freshDatabase()]);
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('failed at step 2 (assert, line 5): "yes" does not equal "no"');
	});

	it('robot run --driver nut without a display fails at once and says how to get one', () => {
		const env = {...process.env, DISPLAY: ''};
		const result = runOpsdesk(['robot', 'run', 'fixtures/robots/pyautogui-example.yaml', '--driver', 'nut', '--db', freshDatabase()], {env});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('needs an X display and DISPLAY is not set');
		expect(result.stderr).toContain('--virtual-display');
		const dead = runOpsdesk(['robot', 'run', 'fixtures/robots/pyautogui-example.yaml', '--driver', 'nut', '--db', freshDatabase()], {env: {...process.env, DISPLAY: ':987'}});
		expect(dead.code).toBe(1);
		expect(dead.stderr).toContain('cannot open the X display :987');
		expect(dead.stderr).not.toMatch(/at .*\.js:\d+/);
	});

	it('enqueue, list, show, cancel and retry jobs, and a worker drains the queue', () => {
		const db = freshDatabase();
		addCustomer(db, 'Ada Lovelace');
		// A search queues its customers in name order: Byron's job first.
		const ada = addCustomer(db, 'Ada Byron');
		addCustomer(db, 'Grace Hopper');
		const queued = runOpsdesk(['robot', 'enqueue', 'fixtures/robots/mark-active.yaml', '--search', 'ada', '--priority', 'high', '--db', db]);
		expect(queued.stderr).toContain('queued 2 jobs of robot mark-active');
		const [first, second] = queued.stdout.trim().split('\n').map(Number);
		expect(runOpsdesk(['jobs', 'cancel', String(second), '--db', db]).code).toBe(0);
		const list = JSON.parse(runOpsdesk(['jobs', 'list', '--json', '--db', db]).stdout) as Array<{id: number; status: string; priority: string}>;
		expect(list.map(job => [job.id, job.status, job.priority])).toEqual([[second, 'cancelled', 'high'], [first, 'queued', 'high']]);
		const ran = runOpsdesk(['worker', '--once', '--driver', 'dry-run', '--db', db]);
		expect(ran.code).toBe(0);
		expect(ran.stderr).toContain('stopped after 1 job');
		expect(runOpsdesk(['jobs', 'retry', String(second), '--db', db]).stderr).toContain('is queued again');
		runOpsdesk(['worker', '--once', '--driver', 'dry-run', '--db', db]);
		const shown = JSON.parse(runOpsdesk(['jobs', 'show', String(first), '--json', '--db', db]).stdout) as {status: string; customer_id: number; logs: Array<{step: number | null; message: string}>};
		expect(shown).toMatchObject({status: 'succeeded', customer_id: ada});
		expect(shown.logs.filter(log => log.step !== null).map(log => log.message)).toEqual([
			`updated status of customer #${ada}`, `logged "Follow up with Ada Byron" on customer #${ada}`,
		]);
		expect(runOpsdesk(['jobs', 'show', String(first), '--db', db]).stdout).toMatch(/status\s+succeeded/);
		expect(JSON.parse(runOpsdesk(['jobs', 'list', '--status', 'succeeded', '--json', '--db', db]).stdout)).toHaveLength(2);
		const refused = runOpsdesk(['jobs', 'retry', String(first), '--db', db]);
		expect(refused.code).toBe(3);
	});

	it('two workers racing over one queue run each job exactly once', async () => {
		const db = freshDatabase();
		const setup = openOpsdesk(db);
		const ids = setup.transaction(() => Array.from({length: 12}, (_, index) => createCustomer(setup, {name: `Racer ${index}`}).id))();
		setup.close();
		const enqueue = runOpsdesk(['robot', 'enqueue', 'fixtures/robots/mark-active.yaml', ...ids.flatMap(id => ['--customer', String(id)]), '--db', db]);
		expect(enqueue.code).toBe(0);
		const [a, b] = await Promise.all([worker(db), worker(db)]);
		expect([a.code, b.code]).toEqual([0, 0]);
		const jobs = JSON.parse(runOpsdesk(['jobs', 'list', '--json', '--db', db]).stdout) as Array<{status: string; attempts: number}>;
		expect(jobs).toHaveLength(12);
		expect(jobs.every(job => job.status === 'succeeded' && job.attempts === 1)).toBe(true);
		const check = openOpsdesk(db);
		try {
			for (const id of ids) expect(listInteractions(check, id)).toHaveLength(1);
		} finally {
			check.close();
		}
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {listInteractions} from '../../source/customers/interactions.js';
import {migrations} from '../../source/migrations.js';
import {openStore} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {opsdesk as inProcess} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, robotFile, until, xDisplay} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb');

function desktopChildOf(pid: number): number | undefined {
	const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	return children.find(child => {
		try {
			return fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('worker-process');
		} catch {
			return false;
		}
	});
}

describe.runIf(canRun)('robot processes that die mid-run, and robots that share a display', () => {
	it('loses its lease; the next worker reruns the job without logging twice', async () => {
		const {display} = await xDisplay();
		const file = path.join(tempFolder(), 'opsdesk.db');
		const id = Number((await inProcess(['customers', 'add', '--name', 'Grace Hopper', '--db', file])).stdout.trim());
		const [jobId] = (await inProcess(['robot', 'enqueue', 'test/robot/robots/slow-logger.yaml', '--customer', String(id), '--db', file])).stdout.trim().split('\n').map(Number);
		const db = await openStore(databaseTarget(file), {migrations, changePollMs: 0});
		try {
			const queue = openJobQueue(db);
			const first = opsdesk(['worker', '--lease', '1', '--db', file], {DISPLAY: display});
			// Killed during the long wait, after the log step committed.
			await until(async () => (await queue.logs(jobId!)).some(log => log.step === 2));
			first.process.kill('SIGKILL');
			expect((await first.done).signal).toBe('SIGKILL');
			expect(await queue.get(jobId!)).toMatchObject({status: 'running', attempts: 1});

			const second = await opsdesk(['worker', '--once', '--lease', '1', '--db', file], {DISPLAY: display}).done;
			expect(second.code).toBe(0);
			expect(await queue.get(jobId!)).toMatchObject({status: 'succeeded', attempts: 2});
			expect((await listInteractions(db, id)).map(entry => [entry.subject, entry.job_id])).toEqual([['Worked on Grace Hopper', jobId]]);
			const messages = (await queue.logs(jobId!)).map(log => log.message);
			expect(messages).toContainEqual(expect.stringContaining('stopped responding (lease expired) during attempt 1'));
			expect(messages).toContainEqual(expect.stringContaining('(already done in attempt 1; not repeated)'));
		} finally {
			await db.close();
		}
	});

	it('starts a new desktop process for the next step when one died, and says why it died', async () => {
		const {display} = await xDisplay();
		const db = path.join(tempFolder(), 'opsdesk.db');
		const robot = robotFile(tempFolder(), 'slow', 'name: slow\nsteps:\n  - move: { x: 5, y: 5 }\n  - wait: 1500ms\n  - move: { x: 50, y: 50 }\n    retries: 1\n    retryDelay: 10ms\n');
		const run = opsdesk(['robot', 'run', robot, '--db', db], {DISPLAY: display});
		let printed = '';
		run.process.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		await until(() => printed.includes('step 1 move: ok'));
		const desktop = desktopChildOf(run.process.pid!);
		expect(desktop).toBeDefined();
		// Killed during the wait: the next move finds its desktop process gone.
		process.kill(desktop!, 'SIGKILL');
		const result = await run.done;
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/step 3 move: ok .*started a new desktop process: the desktop process died \(SIGKILL/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('refuses points outside the screen instead of wrapping them', async () => {
		const {display} = await xDisplay();
		const robot = robotFile(tempFolder(), 'far', 'name: far\nsteps:\n  - click: { x: 5000, y: 20 }\n');
		const result = await opsdesk(['robot', 'run', robot, '--db', path.join(tempFolder(), 'opsdesk.db')], {DISPLAY: display}).done;
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('5000,20 is outside the screen (1024×768');
	});

	it('holds the display for a whole job: a robot run refuses clearly, a second worker waits its turn', async () => {
		const {display} = await xDisplay();
		const db = path.join(tempFolder(), 'opsdesk.db');
		const robot = robotFile(tempFolder(), 'busy', 'name: busy\nsteps:\n  - move: { x: 5, y: 5 }\n  - wait: 2s\n  - move: { x: 6, y: 6 }\n');
		await inProcess(['robot', 'enqueue', robot, '--db', db]);
		await inProcess(['robot', 'enqueue', robot, '--db', db]);
		const first = opsdesk(['worker', '--once', '--db', db], {DISPLAY: display});
		await until(() => /job #1 step 1 move: info/.test(first.stderr()));
		const refused = await opsdesk(['robot', 'run', robot, '--db', db], {DISPLAY: display}).done;
		expect(refused.code).toBe(3);
		// Under load the first worker may already be on job #2 when this run starts: either is its job.
		expect(refused.stderr).toMatch(new RegExp(`display ${display} is in use by another robot: worker \\S+:${first.process.pid}, running job #\\d+ \\(busy\\); run it again when that robot finished`));
		const second = opsdesk(['worker', '--once', '--db', db], {DISPLAY: display});
		const [a, b] = await Promise.all([first.done, second.done]);
		expect([a.code, b.code]).toEqual([0, 0]);
		expect(b.stderr).toContain(`display ${display} is in use by another robot`);
		expect(b.stderr).toContain('waiting until it is free');
		const jobs = JSON.parse((await inProcess(['jobs', 'list', '--json', '--db', db])).stdout) as Array<{status: string; started_at: string; finished_at: string}>;
		expect(jobs.map(job => job.status)).toEqual(['succeeded', 'succeeded']);
		// One after the other, never at once.
		const [later, earlier] = jobs;
		expect(Date.parse(later!.started_at) >= Date.parse(earlier!.finished_at) || Date.parse(earlier!.started_at) >= Date.parse(later!.finished_at)).toBe(true);
	});
});

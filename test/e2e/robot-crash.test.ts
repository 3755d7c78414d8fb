import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {listInteractions} from '../../source/customers/interactions.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {SqliteJobQueue} from '../../source/robot/sqlite-queue.js';
import {runOpsdesk} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, xDisplay} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xwininfo');

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
	while (!(await check())) await new Promise(resolve => setTimeout(resolve, 100));
}

describe.runIf(canRun)('robot processes that die mid-run', () => {
	it('loses its lease; the next worker reruns the job without logging twice', async () => {
		const {display} = await xDisplay();
		const file = path.join(tempFolder(), 'opsdesk.db');
		const id = Number(runOpsdesk(['customers', 'add', '--name', 'Grace Hopper', '--db', file]).stdout.trim());
		const [jobId] = runOpsdesk(['robot', 'enqueue', 'test/robot/robots/slow-logger.yaml', '--customer', String(id), '--db', file]).stdout.trim().split('\n').map(Number);
		const db = openOpsdesk(file);
		try {
			const queue = new SqliteJobQueue(db);
			const first = opsdesk(['worker', '--driver', 'nut', '--lease', '2', '--db', file], {DISPLAY: display});
			// Killed during the long wait, after the log step committed.
			await until(async () => (await queue.logs(jobId!)).some(log => log.step === 2));
			first.process.kill('SIGKILL');
			expect((await first.done).signal).toBe('SIGKILL');
			expect(await queue.get(jobId!)).toMatchObject({status: 'running', attempts: 1});

			const second = await opsdesk(['worker', '--once', '--driver', 'nut', '--lease', '2', '--db', file], {DISPLAY: display}).done;
			expect(second.code).toBe(0);
			expect(await queue.get(jobId!)).toMatchObject({status: 'succeeded', attempts: 2});
			expect(listInteractions(db, id).map(entry => [entry.subject, entry.job_id])).toEqual([['Worked on Grace Hopper', jobId]]);
			const messages = (await queue.logs(jobId!)).map(log => log.message);
			expect(messages).toContainEqual(expect.stringContaining('stopped responding (lease expired) during attempt 1'));
			expect(messages).toContainEqual(expect.stringContaining('(already done in attempt 1; not repeated)'));
		} finally {
			db.close();
		}
	});

	it('robot run reports cleanly when its desktop process dies mid-run', async () => {
		const {display} = await xDisplay();
		const db = path.join(tempFolder(), 'opsdesk.db');
		const robot = path.join(tempFolder(), 'slow.yaml');
		fs.writeFileSync(robot, 'name: slow\nsteps:\n  - move: { x: 5, y: 5 }\n  - wait: 3s\n  - move: { x: 50, y: 50 }\n');
		const run = opsdesk(['robot', 'run', robot, '--driver', 'nut', '--db', db], {DISPLAY: display});
		let printed = '';
		run.process.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		let desktop: number | undefined;
		await until(() => {
			const children = fs.readFileSync(`/proc/${run.process.pid}/task/${run.process.pid}/children`, 'utf8').trim();
			desktop = children ? Number(children.split(' ')[0]) : undefined;
			return desktop !== undefined && fs.readFileSync(`/proc/${desktop}/cmdline`, 'utf8').includes('worker-process');
		});
		// Killed during the wait: the next move finds its desktop process gone.
		await until(() => printed.includes('step 1 move: ok'));
		process.kill(desktop!, 'SIGKILL');
		const result = await run.done;
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('failed at step 3 (move, line 5): the desktop process died (SIGKILL)');
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk as inProcess} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, until} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'tkinter');

/** Pids of running processes whose command line contains the text (a unique path of this test). */
function processesWith(text: string): number[] {
	const found: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const status = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (status.slice(status.lastIndexOf(')') + 2).startsWith('Z')) continue;
			if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
		} catch {
			// Gone meanwhile.
		}
	}
	return found;
}

function alive(pid: number): boolean {
	try {
		const status = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !status.slice(status.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return false;
	}
}

/** A robots folder (OPSDESK_ROBOTS) with a robot that opens the Tk form, fills it and waits `tail`. */
function robotsFolder(out: string, tail = '  - wait: 500ms'): string {
	const folder = tempFolder();
	fs.writeFileSync(path.join(folder, 'fill-opened.yaml'), [
		'name: fill-opened',
		'steps:',
		`  - open: { app: python3, args: [${JSON.stringify(path.resolve('test/apps/form.py'))}, --title, "Opened {{customer.name}}", --out, ${JSON.stringify(out)}] }`,
		'  - waitForWindow: { title: "Opened *", timeout: 20s }',
		// Tk puts the keyboard in its first field just after the window maps.
		'  - wait: 300ms',
		'  - type: "{{customer.name}}"',
		'  - key: Tab',
		'  - type: "{{customer.email}}"',
		'  - key: Enter',
		tail,
	].join('\n'));
	return folder;
}

describe.runIf(canRun)('a worker on a headless host', () => {
	it('with no DISPLAY, --virtual-display runs a robot that opens a Tk app and fills it, and leaves no Xvfb or app behind', async () => {
		const db = path.join(tempFolder(), 'opsdesk.db');
		const out = path.join(tempFolder(), 'filled.json');
		const env = {DISPLAY: '', OPSDESK_ROBOTS: robotsFolder(out)};
		const id = Number((await inProcess(['customers', 'add', '--name', 'Zoë 王', '--email', 'zoe@example.com', '--db', db])).stdout.trim());
		expect((await inProcess(['robot', 'enqueue', 'fill-opened', '--customer', String(id), '--db', db], {env})).code).toBe(0);
		const worker = await opsdesk(['worker', '--virtual-display', '--screen', '800x600', '--once', '--db', db], env).done;
		expect(worker.code).toBe(0);
		const started = /started a virtual display :(\d+) \(Xvfb pid (\d+), 800x600\)/.exec(worker.stderr);
		expect(started).not.toBeNull();
		expect(Number(started![1])).toBeGreaterThanOrEqual(99);
		expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({name: 'Zoë 王', email: 'zoe@example.com', note: ''});
		const shown = JSON.parse((await inProcess(['jobs', 'show', '1', '--json', '--db', db])).stdout) as {status: string; dry_run: boolean; logs: Array<{step: number | null; message: string}>};
		expect(shown).toMatchObject({status: 'succeeded', dry_run: false});
		expect(shown.logs.find(log => log.step === 1)?.message).toMatch(/^open python3 .*: started python3 \(pid \d+\)$/);
		expect(alive(Number(started![2]))).toBe(false);
		expect(processesWith(out)).toEqual([]);
	});

	it('after kill -9 of the worker, its Xvfb and the app its robot opened are gone once the next worker started', async () => {
		const db = path.join(tempFolder(), 'opsdesk.db');
		const out = path.join(tempFolder(), 'killed.json');
		const env = {DISPLAY: '', OPSDESK_ROBOTS: robotsFolder(out, '  - wait: 60s')};
		const id = Number((await inProcess(['customers', 'add', '--name', 'Ada', '--db', db])).stdout.trim());
		await inProcess(['robot', 'enqueue', 'fill-opened', '--customer', String(id), '--db', db], {env});
		const first = opsdesk(['worker', '--virtual-display', '--db', db], env);
		await until(() => /step 7 key: info/.test(first.stderr()), 30_000, 'the robot filling the form');
		const xvfb = Number(/Xvfb pid (\d+)/.exec(first.stderr())![1]);
		const app = Number(/started python3 \(pid (\d+)\)/.exec(first.stderr())![1]);
		first.process.kill('SIGKILL');
		await first.done;
		await inProcess(['jobs', 'cancel', '1', '--db', db]);
		const next = await opsdesk(['worker', '--once', '--driver', 'dry-run', '--db', db], env).done;
		expect(next.code).toBe(0);
		await until(() => !alive(xvfb) && !alive(app), 5000, 'the dead worker\'s Xvfb and app ending');
		expect(processesWith(out)).toEqual([]);
	});
});

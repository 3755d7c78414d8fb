import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, output, robotFile, sharedDesktops, startApp, until} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xprop', 'openbox', 'tkinter', 'zenity', 'xdotool');

function run(robot: string, display: string, extra: string[] = []) {
	return opsdesk(['robot', 'run', robot, '--db', path.join(tempFolder(), 'opsdesk.db'), ...extra], {DISPLAY: display}).done;
}

describe.runIf(canRun)('windows as a user has them, on a bare display and under openbox', () => {
	const {desktops, ready} = sharedDesktops();

	for (const index of [0, 1]) {
		const label = index === 0 ? 'bare' : 'openbox';

		it(`finds a GTK window titled "Kundenübersicht – 王" by Kundenü*王*, and closes it politely (${label})`, async () => {
			await ready;
			const {display} = desktops[index]!;
			const app = startApp('zenity', ['--info', '--title', 'Kundenübersicht – 王', '--text', 'Kunden'], display);
			const robot = robotFile(tempFolder(), 'gtk', 'name: gtk\nsteps:\n  - waitForWindow: { title: "Kundenü*王*", timeout: 20s }\n  - close: { title: "Kundenü*王*" }\n');
			const result = await run(robot, display);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/step 1 waitForWindow: ok .*"Kundenübersicht – 王" \(0x[0-9a-f]+, Zenity, pid \d+\)/);
			expect(result.stdout).toContain('closed when asked (WM_DELETE_WINDOW)');
			await app.exited;
		});

		it(`picks the most recently mapped of two matching windows and says so (${label})`, async () => {
			await ready;
			const {display} = desktops[index]!;
			const first = startApp('python3', ['test/apps/form.py', '--title', `Twin ${index} first`], display);
			await first.next('focus');
			const second = startApp('python3', ['test/apps/form.py', '--title', `Twin ${index} second`, '--out', path.join(tempFolder(), 'second.json')], display);
			await second.next('focus');
			const robot = robotFile(tempFolder(), 'twins', `name: twins\nsteps:\n  - focusWindow: { title: "Twin ${index}*" }\n  - type: picked\n  - key: Enter\n`);
			const result = await run(robot, display);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(new RegExp(`"Twin ${index} second".*2 windows match "Twin ${index}\\*": chose the most recently mapped`));
			expect((await second.next('submit')).fields).toMatchObject({name: 'picked'});
		});

		it.runIf(index === 0)(`fails a step, and keeps its desktop process, when windows vanish under it (${label})`, async () => {
			await ready;
			const {display} = desktops[index]!;
			const app = startApp('python3', ['test/apps/form.py', '--mode', 'flicker'], display);
			await app.next('ready');
			const steps = Array.from({length: 20}, () => '  - focusWindow: { title: "Flicker*" }\n    retries: 1\n    retryDelay: 1ms\n').join('');
			const robot = robotFile(tempFolder(), 'flicker', `name: flicker\nsteps:\n${steps}`);
			const result = await run(robot, display);
			expect([0, 4]).toContain(result.code);
			expect(result.stdout + result.stderr).not.toContain('desktop process died');
			expect(result.stderr).not.toMatch(/\n\s+at /);
		});

		it.runIf(index === 1)(`ends a window that ignores WM_DELETE_WINDOW after waiting (${label})`, async () => {
			await ready;
			const {display} = desktops[index]!;
			const app = startApp('python3', ['test/apps/form.py', '--title', `Stubborn ${index}`, '--ignore-close'], display);
			await app.next('focus');
			const robot = robotFile(tempFolder(), 'stubborn', `name: stubborn\nsteps:\n  - close: { title: "Stubborn ${index}", wait: 400ms }\n`);
			const result = await run(robot, display);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain('did not close within 400ms of WM_DELETE_WINDOW: ended its X client');
			await app.next('close-ignored');
			await app.exited;
		});
	}

	it('restores a minimized window before focusing it (openbox)', async () => {
		await ready;
		const {display} = desktops[1]!;
		const out = path.join(tempFolder(), 'restored.json');
		const app = startApp('python3', ['test/apps/form.py', '--title', 'Minimized form', '--out', out], display);
		await app.next('focus');
		const env = {DISPLAY: display};
		const id = (await output('xdotool', ['search', '--name', '^Minimized form$'], env)).trim().split('\n')[0]!;
		execFileSync('xdotool', ['windowminimize', '--sync', id], {env: {...process.env, ...env}});
		await until(async () => (await output('xprop', ['-id', id, '_NET_WM_STATE'], env)).includes('_NET_WM_STATE_HIDDEN'), 5000, 'minimizing');
		const robot = robotFile(tempFolder(), 'restore', 'name: restore\nsteps:\n  - focusWindow: { title: "Minimized form" }\n  - type: back\n  - key: Enter\n');
		const result = await run(robot, display);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('restored from minimized');
		expect((await app.next('submit')).fields).toMatchObject({name: 'back'});
		expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({name: 'back'});
	});

	it('saves a failing step\'s screenshot, private, and names it in the log', async () => {
		await ready;
		const {display} = desktops[0]!;
		const folder = tempFolder();
		const db = path.join(folder, 'opsdesk.db');
		const robot = robotFile(folder, 'missing', 'name: missing\nsteps:\n  - waitForWindow: { title: "No such window*", timeout: 100ms }\n');
		const result = await opsdesk(['robot', 'run', robot, '--db', db], {DISPLAY: display}).done;
		expect(result.code).toBe(4);
		const shot = /\(screenshot (\S+\.png)\)/.exec(result.stdout)?.[1];
		expect(shot).toBeDefined();
		expect(path.dirname(shot!)).toBe(path.join(folder, 'screenshots'));
		expect(fs.readFileSync(shot!).subarray(1, 4).toString()).toBe('PNG');
		expect(fs.statSync(shot!).mode & 0o777).toBe(0o600);
		expect(fs.statSync(path.dirname(shot!)).mode & 0o777).toBe(0o700);
	});
});

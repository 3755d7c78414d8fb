import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {PNG} from 'pngjs';
import {describe, expect, it} from 'vitest';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, robotFile, sharedDesktops, startApp, until} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xprop', 'openbox', 'tkinter', 'xterm', 'xclip');
const terminalText = 'Grüße, 王小明 <zoe.o+test@example.com> "quoted" \'single\' $HOME `x` \\ ~!@#%^&*()_+{}|:<>?';

function run(robot: string, display: string) {
	return opsdesk(['robot', 'run', robot, '--db', path.join(tempFolder(), 'opsdesk.db')], {DISPLAY: display}).done;
}

function clipboard(display: string, target: string): Buffer {
	return execFileSync('xclip', ['-o', '-selection', 'clipboard', '-t', target], {env: {...process.env, DISPLAY: display}, stdio: ['ignore', 'pipe', 'ignore']});
}

describe.runIf(canRun)('text in and out of real applications, on a bare display and under openbox', () => {
	const {desktops, ready} = sharedDesktops();

	for (const index of [0, 1]) {
		const label = index === 0 ? 'bare' : 'openbox';

		it(`types into xterm exactly, key by key (xterm pastes only PRIMARY) (${label})`, async () => {
			await ready;
			const {display} = desktops[index]!;
			const out = path.join(tempFolder(), 'line.txt');
			startApp('xterm', ['-title', `Opsdesk xterm ${index}`, '-e', 'sh', '-c', 'IFS= read -r line; printf "%s" "$line" > "$0"', out], display);
			const robot = robotFile(tempFolder(), 'xterm', `name: xterm\nvars:\n  line: ${JSON.stringify(terminalText)}\nsteps:\n  - waitForWindow: { title: "Opsdesk xterm ${index}", timeout: 20s }\n  - type: "{{vars.line}}"\n  - key: Enter\n`);
			const result = await run(robot, display);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/step 2 type: ok .*key by key into "Opsdesk xterm \d" \(0x[0-9a-f]+, XTerm/);
			await until(() => fs.existsSync(out) && fs.readFileSync(out, 'utf8').length > 0, 10_000, 'xterm writing the line');
			expect(fs.readFileSync(out, 'utf8')).toBe(terminalText);
		});

		it(`copy fails on an empty field and reads a selected one (${label})`, async () => {
			await ready;
			const {display} = desktops[index]!;
			startApp('python3', ['test/apps/form.py', '--title', `Copy form ${index}`, '--fields', 'order'], display);
			const empty = robotFile(tempFolder(), 'empty', `name: empty\nsteps:\n  - waitForWindow: { title: "Copy form ${index}", timeout: 20s }\n  - copy: { into: order }\n    timeout: 400ms\n  - update: { notes: "{{vars.order}}" }\n`);
			const failed = await opsdesk(['robot', 'run', empty, '--customer', '1', '--db', await withCustomer()], {DISPLAY: display}).done;
			expect(failed.code).toBe(4);
			expect(failed.stderr).toMatch(/failed at step 2 \(copy, line 4\): nothing new reached the clipboard within \d+ms of the copy key in "Copy form \d" .*is anything selected\?/);
			if (index === 0) return;
			const filled = robotFile(tempFolder(), 'filled', `name: filled\nsteps:\n  - focusWindow: { title: "Copy form ${index}" }\n  - type: "ORDER-42 ü"\n  - key: Control+Slash\n  - copy: { into: order }\n  - assert: { value: "{{vars.order}}", equals: "ORDER-42 ü" }\n`);
			const copied = await run(filled, display);
			expect(copied.code).toBe(0);
			expect(copied.stdout).toContain('"ORDER-42 ü" into vars.order');
		});
	}

	it('puts the user\'s clipboard back after typing, whatever it held (an image here), also after the robot ended', async () => {
		await ready;
		const {display} = desktops[1]!;
		const png = new PNG({width: 3, height: 2});
		png.data.fill(200);
		const image = PNG.sync.write(png);
		const owner = spawn('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-i'], {env: {...process.env, DISPLAY: display}, stdio: ['pipe', 'ignore', 'ignore']});
		owner.stdin.end(image);
		await until(() => {
			try {
				return clipboard(display, 'image/png').equals(image);
			} catch {
				return false;
			}
		}, 5000, 'xclip owning the clipboard');
		const out = path.join(tempFolder(), 'typed.json');
		const app = startApp('python3', ['test/apps/form.py', '--title', 'Clipboard form', '--fields', 'note', '--out', out], display);
		await app.next('focus');
		const text = 'Über 王 — pasted, not typed';
		const robot = robotFile(tempFolder(), 'paste', `name: paste\nsteps:\n  - focusWindow: { title: "Clipboard form" }\n  - type: { text: ${JSON.stringify(text)}, method: paste }\n  - key: Enter\n`);
		const result = await run(robot, display);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('the clipboard is as it was');
		expect((await app.next('submit')).fields).toEqual({note: text});
		expect(clipboard(display, 'image/png').equals(image)).toBe(true);
		expect(clipboard(display, 'TARGETS').toString()).toContain('image/png');
	});
});

async function withCustomer(): Promise<string> {
	const db = path.join(tempFolder(), 'opsdesk.db');
	const {opsdesk: inProcess} = await import('../support/cli.js');
	await inProcess(['customers', 'add', '--name', 'Ada', '--db', db]);
	return db;
}

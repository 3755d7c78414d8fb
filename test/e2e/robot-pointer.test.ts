import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, startApp, xDisplay} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xwininfo', 'tkinter', 'xdotool', 'xclip');

describe.runIf(canRun)("the seed's pyautogui example as a robot", () => {
	it('clicks at 100,200, drags to 300,400 over a second, copies the selection and pastes it', async () => {
		const {display} = await xDisplay();
		const app = startApp('python3', ['test/apps/form.py', '--mode', 'text', '--title', 'Opsdesk text', '--geometry', '800x600+0+0'], display);
		await app.next('ready');
		const db = path.join(tempFolder(), 'opsdesk.db');
		const run = await opsdesk(['robot', 'run', 'fixtures/robots/pyautogui-example.yaml', '--driver', 'nut', '--db', db], {DISPLAY: display}).done;
		expect(run.code).toBe(0);
		const env = {...process.env, DISPLAY: display};
		expect(execFileSync('xdotool', ['getmouselocation'], {env, encoding: 'utf8'})).toMatch(/^x:300 y:400 /);
		const copied = (await app.next('copy')).selection as string;
		// The drag selected several lines of the sample text; Ctrl+C put exactly that on the clipboard.
		expect(copied).toMatch(/sample text for the copy test\nline \d\d of/);
		expect(execFileSync('xclip', ['-o', '-selection', 'clipboard'], {env, encoding: 'utf8'})).toBe(copied);
	});
});

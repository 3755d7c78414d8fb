import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {PNG} from 'pngjs';
import {describe, expect, it} from 'vitest';
import {opsdesk as inProcess} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, sharedDesktops, startApp} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xprop', 'openbox', 'tkinter', 'import');

type Box = {x: number; y: number; width: number; height: number};

/** Cuts the app's samples out of a screenshot taken by ImageMagick, as a robot author would. */
function cutTemplates(display: string, samples: Record<string, Box>, folder: string): void {
	const screen = PNG.sync.read(execFileSync('import', ['-window', 'root', 'png:-'], {env: {...process.env, DISPLAY: display}, maxBuffer: 1 << 26}));
	for (const [name, box] of Object.entries(samples)) {
		const png = new PNG({width: box.width, height: box.height});
		PNG.bitblt(screen, png, box.x, box.y, box.width, box.height, 0, 0);
		fs.writeFileSync(path.join(folder, `${name.toLowerCase().replace(' ', '-')}.png`), PNG.sync.write(png));
	}
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const code = () => Array.from({length: 8}, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');

function readStep(anchor: string): string {
	return `        - read: {within: {image: ${anchor}.png, wait: 5s, offset: {x: 86, y: -4}, size: {width: 150, height: 29}}, as: code, chars: ${alphabet}}
        - type: "{{vars.code}}"
        - key: Return`;
}

function robotText(clicks: number, rounds: number): string {
	return `name: vision
steps:
  - waitForWindow: {title: "Opsdesk vision*", timeout: 20s}
  - repeat:
      times: ${clicks / 2}
      steps:
        - click: {image: send.png, wait: 5s}
        - click: {image: next.png, wait: 5s}
  - waitForImage: {image: late.png, timeout: 10s}
  - click: {image: late.png}
  - repeat:
      times: ${rounds}
      steps:
${readStep('order-no')}
${readStep('order-ref')}
  - update: {notes: "Last order {{vars.code}}"}
  - repeat:
      times: 2
      steps:
        - if:
            condition: {image: ok.png}
            then:
              - click: {image: ok.png}
              - waitUntilGone: {image: ok.png, timeout: 5s}
            else:
              - click: {image: warning.png, wait: 5s}
              - waitUntilGone: {image: warning.png, timeout: 5s}
  - try:
      - click: {image: late.png}
`;
}

describe.runIf(canRun)('robots that see, on a bare display and under openbox', () => {
	const {desktops, ready} = sharedDesktops();

	for (const desktop of [0, 1]) {
		const name = desktop === 0 ? 'bare' : 'openbox';
		// The full plan (20 clicks, a button after 2 s, 40 order numbers) on one desktop, a short one
		// under openbox: the pixels a robot sees are the same, and OCR and waiting are the slow parts.
		const full = desktop === 0;
		const clicks = full ? 20 : 4;
		const codes = full ? 40 : 2;
		it(`clicks a button by image ${clicks} times wherever it appears, waits for a late one, reads ${codes} order numbers, updates the customer and takes both branches of an if (${name})`, async () => {
			await ready;
			const {display} = desktops[desktop]!;
			const folder = tempFolder();
			const db = path.join(folder, 'opsdesk.db');
			const added = await inProcess(['customers', 'add', '--name', 'Vision Customer', '--db', db]);
			const customer = added.stdout.trim();
			const app = startApp('python3', ['test/apps/vision.py', '--title', `Opsdesk vision ${desktop}`], display, {input: true});
			const {samples} = (await app.next('ready')) as unknown as {samples: Record<string, Box>};
			cutTemplates(display, samples, folder);
			const shown = Array.from({length: codes}, code);
			app.send(JSON.stringify({clicks, late_ms: full ? 2000 : 300, codes: shown, lights: ['ok', 'warn']}));
			const file = path.join(folder, 'vision.yaml');
			fs.writeFileSync(file, robotText(clicks, codes / 2));
			const run = await opsdesk(['robot', 'run', file, '--customer', customer, '--db', db], {DISPLAY: display}).done;
			expect(run.stderr, run.stdout).toContain('finished');
			expect(run.code).toBe(0);

			const clicked = app.all('clicked');
			expect(clicked.map(click => click.text)).toEqual(Array.from({length: clicks}, (_, index) => (index % 2 === 0 ? 'Send' : 'Next')));
			expect(new Set(clicked.map(click => `${click.x},${click.y}`)).size).toBeGreaterThan(clicks * 0.7);

			const waited = /step \d+ waitForImage: ok .* after (\d+(?:\.\d)?)(ms|s)/.exec(run.stdout);
			expect(waited).not.toBeNull();
			if (full) expect(waited![2] === 's' ? Number(waited![1]) : 0).toBeGreaterThanOrEqual(1.8);
			expect(app.all('late-clicked')).toHaveLength(1);

			const answers = app.all('answer') as unknown as Array<{expected: string; got: string}>;
			expect(answers.map(answer => answer.expected)).toEqual(shown);
			const exact = answers.filter(answer => answer.got === answer.expected).length;
			console.log(`read ${exact} of ${codes} order numbers exactly (${name}); misread: ${answers.filter(answer => answer.got !== answer.expected).map(answer => `${answer.expected}→${answer.got}`).join(', ') || 'none'}`);
			// The issue asks for 95%. Offline, over 400 random codes rendered like this app's, 98.3%
			// read exactly (the rest: a J under its neighbour, S for 5). At that rate 40 codes fall
			// under 38 right in about 3% of runs by chance alone, under 36 in under 1%: 36 of 40 is
			// the bar that fails only when reading got worse (two codes say nothing about a rate).
			if (full) expect(exact).toBeGreaterThanOrEqual(36);
			else expect(answers.every(answer => /^[A-Z0-9]{6,9}$/.test(answer.got))).toBe(true);

			const shownCustomer = JSON.parse((await inProcess(['customers', 'show', customer, '--json', '--db', db])).stdout) as {notes: string};
			expect(shownCustomer.notes).toBe(`Last order ${answers.at(-1)!.got}`);

			expect(app.all('light').map(light => [light.shown, light.clicked])).toEqual([['ok', 'OK'], ['warn', 'Warning']]);
			expect(run.stdout).toMatch(/step \d+ if: ok .*pass 1: ok\.png is on the screen.*: then/);
			expect(run.stdout).toMatch(/step \d+ if: ok .*pass 2: ok\.png is not on the screen.*: else/);
			await app.next('done');

			// The late button is gone: the caught failure says how close it came and keeps the screen with that place outlined.
			const missed = /step \d+ click: retry \S+ +late\.png is not on the screen \(needs score 0\.9; best score 0\.\d+ at (\d+),(\d+)\) \(the try at step \d+ catches it\) \(screenshot (\S+)\)/.exec(run.stdout);
			expect(missed, run.stdout).not.toBeNull();
			expect(fs.statSync(missed![3]!).mode & 0o777).toBe(0o600);
			const shot = PNG.sync.read(fs.readFileSync(missed![3]!));
			const at = ((Number(missed![2]) - 1) * shot.width + Number(missed![1]) - 1) * 4;
			expect([...shot.data.subarray(at, at + 3)]).toEqual([255, 0, 0]);
		});
	}

	it('wait for a status light to turn green and for a window to say Ready, then read both into variables (openbox)', async () => {
		await ready;
		const {display} = desktops[1]!;
		const folder = tempFolder();
		const app = startApp('python3', ['test/apps/vision.py', '--status', '--title', 'Opsdesk status', '--after', '1000'], display);
		const {light} = (await app.next('status')) as unknown as {light: {x: number; y: number}};
		const file = path.join(folder, 'status.yaml');
		fs.writeFileSync(file, `name: status
steps:
  - waitForPixel: {x: ${light.x}, y: ${light.y}, color: "#00c000", tolerance: 4, timeout: 5s}
  - waitForText: {text: Ready, within: {window: "Opsdesk status*"}, timeout: 5s, as: status}
  - pixel: {x: ${light.x}, y: ${light.y}, as: light}
  - assert: {value: "{{vars.light}} {{vars.status}}", matches: "^#00c000 .*Ready 42"}
`);
		const run = await opsdesk(['robot', 'run', file, '--db', path.join(folder, 'opsdesk.db')], {DISPLAY: display}).done;
		expect(run.code, run.stdout + run.stderr).toBe(0);
		expect(run.stdout).toMatch(new RegExp(`step 1 waitForPixel: ok .* ${light.x},${light.y} is #00c000 after \\d+(\\.\\d)?m?s`));
		expect(run.stdout).toMatch(/step 2 waitForText: ok .*saw "Ready" after .* in ".*Ready 42/);
	});

	it("let nut-js's screen.find use opsdesk's matcher in the desktop process (bare)", async () => {
		await ready;
		const {display} = desktops[0]!;
		const folder = tempFolder();
		const app = startApp('python3', ['test/apps/vision.py', '--status', '--title', 'Opsdesk find', '--after', '60000'], display);
		const {light} = (await app.next('status')) as unknown as {light: {x: number; y: number}};
		const screen = PNG.sync.read(execFileSync('import', ['-window', 'root', 'png:-'], {env: {...process.env, DISPLAY: display}, maxBuffer: 1 << 26}));
		const cut = new PNG({width: 40, height: 30});
		PNG.bitblt(screen, cut, light.x - 20, light.y - 15, 40, 30, 0, 0);
		fs.writeFileSync(path.join(folder, 'light.png'), PNG.sync.write(cut));
		const script = `const {nut} = await import(${JSON.stringify(path.resolve('source/robot/nut-driver.ts'))});
const {screen, loadImage} = await nut();
const found = await screen.find(loadImage(${JSON.stringify(path.join(folder, 'light.png'))}), {confidence: 0.95});
console.log(JSON.stringify(found));`;
		const found = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {env: {...process.env, DISPLAY: display}, encoding: 'utf8'})) as {left: number; top: number; width: number; height: number};
		expect(found).toEqual({left: light.x - 20, top: light.y - 15, width: 40, height: 30});
	});
});

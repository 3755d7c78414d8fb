import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {allSteps} from '../../source/robot/flow-steps.js';
import {formatProblem} from '../../source/robot/robot.js';
import {parseRobot} from '../../source/robot/robot-file.js';
import {opsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {writeButton} from './support/pngs.js';

const problemsOf = (text: string) => parseRobot(text, 'robot.yaml').problems.map(formatProblem);

describe('robot files with images, OCR, pixels and control flow', () => {
	it('number nested steps in file order, each with its own line', () => {
		const parsed = parseRobot([
			'name: nested',
			'steps:',
			'  - find: {image: ok.png, as: ok}',
			'  - if:',
			'      condition: {value: "{{vars.ok.score}}", matches: "^0\\\\.9"}',
			'      then:',
			'        - click: {image: ok.png, offset: {x: -5, y: 3}, within: {window: "Legacy*"}}',
			'      else:',
			'        - repeat:',
			'            times: 2',
			'            as: round',
			'            steps:',
			'              - type: "{{vars.round}}"',
			'  - try:',
			'      - read: {within: {x: 0, y: 0, width: 200, height: 30}, as: code, chars: ABC123}',
			'    catch:',
			'      - pixel: {x: 5, y: 5, as: light}',
			'  - waitForPixel: {x: 5, y: 5, color: "#00FF00", tolerance: 8, timeout: 2s}',
		].join('\n'), 'nested.yaml');
		expect(parsed.problems.map(formatProblem)).toEqual([]);
		const steps = allSteps(parsed.robot!.steps);
		expect(steps.map(step => [step.number, step.step, step.line])).toEqual([
			[1, 'find', 3], [2, 'if', 4], [3, 'click', 7], [4, 'repeat', 9], [5, 'type', 13], [6, 'try', 14], [7, 'read', 15], [8, 'pixel', 17], [9, 'waitForPixel', 18],
		]);
		expect(steps[2]).toMatchObject({at: {image: 'ok.png', confidence: 0.9, offset: {x: -5, y: 3}, within: {window: 'Legacy*'}, waitMs: 0}});
		expect(steps[8]).toMatchObject({colour: '#00ff00', tolerance: 8, withinMs: 2000});
		expect(parsed.robot!.steps.map(step => step.number)).toEqual([1, 2, 6, 9]);
	});

	it('name the line and step of each problem inside if, repeat and try', () => {
		expect(problemsOf([
			'name: broken',
			'steps:',
			'  - if:',
			'      condition: {value: a, equals: b}',
			'      then:',
			'        - click: {image: ok.jpg}',
			'        - clik: {x: 1, y: 2}',
			'  - repeat: {times: 2, while: {image: spinner.png}, steps: [{wait: 1s}]}',
			'  - repeat:',
			'      times: 3',
			'      steps: []',
			'  - try:',
			'      - wait: 1s',
			'    retries: 2',
			'  - catch:',
			'      - wait: 1s',
			'  - if: {then: [{wait: 1s}]}',
			'  - find: {image: ../outside.png, as: x, confidence: 1.5}',
			'  - type: "{{vars.x}}"',
		].join('\n'))).toEqual([
			'robot.yaml:6: step 2 (click): image: an image is a .png file',
			expect.stringMatching(/^robot\.yaml:7: step 3 \(clik\): unknown step "clik"/),
			'robot.yaml:8: step 4 (repeat): give times: N or while: CONDITION (one of them)',
			'robot.yaml:11: step 6 (repeat): steps is a list of steps (at least one)',
			'robot.yaml:14: step 7 (try): try takes no retries: put it on the steps inside',
			'robot.yaml:15: step 8 (?): catch belongs to a try step: write "- try: [...]" and "catch: [...]" in one item',
			'robot.yaml:17: step 9 (if): condition is required: {value, equals}, {value, matches}, {image: FILE.png} or {not: CONDITION}',
			'robot.yaml:18: step 11 (find): image: an image is looked up beside the robot file: no absolute path, no ..',
			'robot.yaml:18: step 11 (find): confidence: at most 1',
			'robot.yaml:19: step 12 (type): unknown variable {{vars.x}} (set it under vars: or with an earlier copy, find, read or pixel step)',
		]);
	});

	it('know the fields a match stores, and the variables a loop and a read set', () => {
		expect(problemsOf('name: v\nsteps:\n  - find: {image: a.png, as: btn}\n  - type: "{{vars.btn.centerX}},{{vars.btn.score}}"\n')).toEqual([]);
		expect(problemsOf('name: v\nsteps:\n  - find: {image: a.png, as: btn}\n  - type: "{{vars.btn}}"\n')).toEqual([
			'robot.yaml:4: step 2 (type): {{vars.btn}} is a match: use {{vars.btn.x}}, .y, .width, .height, .centerX, .centerY or .score',
		]);
		expect(problemsOf('name: v\nsteps:\n  - find: {image: a.png, as: btn}\n  - type: "{{vars.btn.left}}"\n')).toEqual([
			'robot.yaml:4: step 2 (type): {{vars.btn.left}}: a match has x, y, width, height, centerX, centerY and score',
		]);
		expect(problemsOf('name: v\nsteps:\n  - repeat: {times: 2, as: n, steps: [{read: {within: {window: "A*"}, as: text}}]}\n  - assert: {value: "{{vars.n}}{{vars.text}}", matches: "."}\n')).toEqual([]);
	});

	it('robot check finds the images beside the robot file and refuses missing, broken and flat ones (exit 2)', async () => {
		const folder = tempFolder();
		writeButton(folder, 'images/ok.png');
		writeButton(folder, 'flat.png', {flat: true});
		fs.writeFileSync(path.join(folder, 'photo.png'), 'GIF89a not really a png');
		const file = path.join(folder, 'see.yaml');
		fs.writeFileSync(file, [
			'name: see',
			'steps:',
			'  - click: {image: images/ok.png}',
			'  - waitForImage: {image: missing.png}',
			'  - if: {condition: {image: flat.png}, then: [{click: {image: photo.png}}]}',
			'  - waitUntilGone: {image: images/ok.png}',
		].join('\n'));
		const checked = await opsdesk(['robot', 'check', file]);
		expect(checked.code).toBe(2);
		expect(checked.stderr.trim().split('\n')).toEqual([
			`${file}:4: step 2 (waitForImage): missing.png: no such file beside the robot (looked for ${path.join(folder, 'missing.png')})`,
			`${file}:5: step 3 (if): flat.png: is one flat colour, which matches nothing: cut it with an edge or some text inside`,
			`${file}:5: step 4 (click): photo.png: is not a PNG image (save the cut-out as .png)`,
		]);
		const bomb = Buffer.from(fs.readFileSync(path.join(folder, 'images/ok.png')));
		bomb.writeUInt32BE(30_000, 16);
		bomb.writeUInt32BE(30_000, 20);
		fs.writeFileSync(path.join(folder, 'bomb.png'), bomb);
		fs.writeFileSync(file, 'name: see\nsteps:\n  - click: {image: bomb.png}\n');
		expect((await opsdesk(['robot', 'check', file])).stderr.trim()).toBe(`${file}:3: step 1 (click): bomb.png: is 30000×30000; an image to look for may be at most 2048 pixels a side`);
		fs.writeFileSync(file, `name: see\nsteps:\n  - ${'try: ['.repeat(21)}{wait: 1ms}${']'.repeat(21)}\n`);
		expect((await opsdesk(['robot', 'check', file])).stderr.trim()).toBe(`${file}:3: step 21 (try): if, repeat and try nest at most 20 deep`);
		fs.writeFileSync(file, 'name: see\nsteps:\n  - click: {image: images/ok.png}\n  - repeat: {times: 2, steps: [{waitUntilGone: {image: images/ok.png}}]}\n');
		const good = await opsdesk(['robot', 'check', file]);
		expect(good.stderr.trim()).toBe(`${file}: ok (robot see, 3 steps, 1 image)`);
		expect(good.code).toBe(0);
	});
});

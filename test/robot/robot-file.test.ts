import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {formatProblem} from '../../source/robot/robot.js';
import {parseRobot} from '../../source/robot/robot-file.js';

const problemsOf = (text: string) => {
	const parsed = parseRobot(text, 'robot.yaml');
	return parsed.problems.map(formatProblem);
};

describe('robot files', () => {
	it('read every step of the shipped examples', () => {
		for (const name of fs.readdirSync('fixtures/robots')) {
			const parsed = parseRobot(fs.readFileSync(`fixtures/robots/${name}`, 'utf8'), name);
			expect(parsed.problems.map(formatProblem)).toEqual([]);
		}
		const parsed = parseRobot(fs.readFileSync('fixtures/robots/enter-customer.yaml', 'utf8'), 'enter-customer.yaml');
		expect(parsed.robot?.steps.map(step => step.step)).toEqual(['waitForWindow', 'click', 'drag', 'type', 'key', 'type', 'key', 'wait', 'log']);
		expect(parsed.robot?.steps[2]).toMatchObject({step: 'drag', from: {x: 100, y: 200}, to: {x: 300, y: 400}, durationMs: 1000, line: 6});
		expect(parsed.robot?.needsCustomer).toBe(true);
	});

	it('read every step name with its options, and JSON too', () => {
		const robot = parseRobot(JSON.stringify({
			name: 'all-steps',
			steps: [
				{move: {x: 1, y: 2}}, 'click', {doubleClick: {x: 3, y: 4}}, {rightClick: null}, {scroll: {down: 3}},
				{paste: 'x'}, {key: 'Alt+F4'}, {wait: '1.5s'}, {focusWindow: {title: 'A*'}}, {copy: {into: 'got'}},
				{screenshot: 'after-copy'}, {assert: {value: '{{vars.got}}', matches: '^x'}, retries: 2, timeout: '3s'},
				{update: {status: 'active', tags: 'a;b'}},
			],
		}), 'all-steps.json').robot!;
		expect(robot.steps.map(step => step.step)).toEqual(['move', 'click', 'doubleClick', 'rightClick', 'scroll', 'paste', 'key', 'wait', 'focusWindow', 'copy', 'screenshot', 'assert', 'update']);
		expect(robot.steps[1]).toMatchObject({step: 'click', at: undefined});
		expect(robot.steps[7]).toMatchObject({step: 'wait', ms: 1500});
		expect(robot.steps[11]).toMatchObject({retries: 2, timeoutMs: 3000});
	});

	it('name the file, line and step of every problem, in file order', () => {
		expect(problemsOf([
			'name: typos',
			'steps:',
			'  - click: { x: 100, y: "two hundred" }',
			'  - tpye: hello',
			'  - key: Control+Shfit+S',
			'  - wait: 5',
			'  - type: "{{customer.shoe}}"',
			'  - drag:',
			'      from: { x: 1, y: 2 }',
			'  - log: { subject: hi, colour: red }',
			'  - type: "{{vars.later}}"',
			'  - copy: { into: later }',
			'  - click: { x: 1, y: 2 }',
			'    retries: -1',
		].join('\n'))).toEqual([
			'robot.yaml:3: step 1 (click): y: expected a number of pixels',
			expect.stringMatching(/^robot\.yaml:4: step 2 \(tpye\): unknown step "tpye" \(steps: move, click/),
			expect.stringMatching(/^robot\.yaml:5: step 3 \(key\): unknown key "Shfit" in "Control\+Shfit\+S"/),
			'robot.yaml:6: step 4 (wait): expected a duration such as 500ms or 2s, got 5',
			expect.stringMatching(/^robot\.yaml:7: step 5 \(type\): unknown variable \{\{customer\.shoe\}\}/),
			'robot.yaml:9: step 6 (drag): to: is required',
			'robot.yaml:10: step 7 (log): unknown field "colour"',
			expect.stringMatching(/^robot\.yaml:11: step 8 \(type\): unknown variable \{\{vars\.later\}\} \(set it under vars: or with an earlier copy, find, read or pixel step\)/),
			expect.stringMatching(/^robot\.yaml:14: step 10 \(click\): retries: /),
		]);
	});

	it('report YAML syntax errors and a missing name or steps with their lines', () => {
		expect(problemsOf('name: x\nsteps:\n  - click: {x: 1\n')[0]).toMatch(/^robot\.yaml:\d+: /);
		expect(problemsOf('description: nothing\n')).toEqual([
			'robot.yaml:1: name is required',
			'robot.yaml:1: steps is required',
		]);
		expect(problemsOf('name: x\nsteps: []\nextra: 1\n')).toEqual([
			'robot.yaml:2: steps is a list of at least one step',
			'robot.yaml:3: unknown key "extra" (a robot has name, description, vars, steps)',
		]);
	});

	it('take a name in any alphabet, and refuse spaces, slashes and controls in it', () => {
		for (const name of ['lätin', 'Kunden-Pflege_2', 'Kunde\u0301n', '客户同步', 'синхронизация.v2']) {
			expect(problemsOf(`name: ${name}\nsteps:\n  - wait: 1ms\n`), name).toEqual([]);
		}
		for (const name of ['"two words"', 'a/b', '"tab\\tname"', '"semi;colon"']) {
			expect(problemsOf(`name: ${name}\nsteps:\n  - wait: 1ms\n`)[0], name).toMatch(/name is letters, digits, _ \. and -/);
		}
	});

	it('refuse two steps in one list item and unknown customer fields in update', () => {
		expect(problemsOf('name: x\nsteps:\n  - click: {x: 1, y: 1}\n    move: {x: 2, y: 2}\n')).toEqual([
			'robot.yaml:3: step 1 (click): one step per list item: also found "move" (start it with its own "-")',
		]);
		expect(problemsOf('name: x\nsteps:\n  - update: { emial: a@b.c }\n')[0]).toBe('robot.yaml:3: step 1 (update): unknown field "emial"');
	});
});

import fs from 'node:fs';
import {LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Node, type Pair} from 'yaml';
import {UserError, exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import {allSteps} from './flow-steps.js';
import {formatProblem, setVariables, templatedTexts, type Robot, type RobotProblem} from './robot.js';
import {readStepList} from './step-reader.js';
import type {Step} from './steps.js';
import {templateReferences} from './templates.js';

export {defaultRetryDelayMs} from './step-reader.js';

export type ParsedRobot = {robot: Robot; problems: []} | {robot?: undefined; problems: RobotProblem[]};

type Position = {line(node: Node | null | undefined, fallback: number): number};

const topLevelKeys = ['name', 'description', 'vars', 'steps'];

/**
 * Limits that keep a hostile or broken file from exhausting memory: a robot is a page of
 * steps, not megabytes, and a YAML alias bomb expands a kilobyte into gigabytes.
 */
export const robotFileLimits = {bytes: 1024 * 1024, steps: 10_000, aliases: 100} as const;

/** A robot file's text, or the problem that stops it being read (a folder, too big, unreadable). */
export function readRobotText(file: string): {text: string} | {problem: RobotProblem} {
	const problem = (message: string) => ({problem: {file, line: 1, message}});
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch (error) {
		return problem(`cannot read it: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
	}
	if (stat.isDirectory()) return problem('is a folder, not a robot file');
	if (!stat.isFile()) return problem('is not a regular file');
	if (stat.size > robotFileLimits.bytes) return problem(`is ${(stat.size / 1024 / 1024).toFixed(1)} MB; a robot file may be at most 1 MB`);
	try {
		return {text: fs.readFileSync(file, 'utf8')};
	} catch (error) {
		return problem(`cannot read it: ${(error as Error).message}`);
	}
}

/**
 * Reads robot YAML (JSON is YAML too) into a Robot, or every problem found, each with its
 * line and step. All problems are collected, not just the first: an author fixes them in one go.
 */
export function parseRobot(text: string, file: string): ParsedRobot {
	if (Buffer.byteLength(text) > robotFileLimits.bytes) return {problems: [{file, line: 1, message: 'is larger than 1 MB, the most a robot file may be'}]};
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter, uniqueKeys: true});
	const problems: RobotProblem[] = [];
	const position: Position = {
		line: (node, fallback) => (node?.range ? lineCounter.linePos(node.range[0]).line : fallback),
	};
	for (const error of document.errors) {
		problems.push({file, line: error.linePos?.[0].line ?? 1, message: error.message.split('\n')[0]!});
	}
	if (problems.length > 0) return {problems};
	let aliases = 0;
	visit(document, {
		Alias(_, alias) {
			aliases++;
			if (aliases === robotFileLimits.aliases + 1) {
				problems.push({file, line: position.line(alias, 1), message: `more than ${robotFileLimits.aliases} YAML aliases (*name): a robot file may reuse values, not multiply them`});
				return visit.BREAK;
			}
			return undefined;
		},
	});
	if (problems.length > 0) return {problems};
	const root = document.contents;
	if (!isMap(root)) return {problems: [{file, line: 1, message: 'a robot file is a mapping with name, description and steps'}]};

	const problem = (node: Node | null | undefined, message: string, fallback = 1) => problems.push({file, line: position.line(node, fallback), message});
	for (const pair of root.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : '';
		if (!topLevelKeys.includes(key)) problem(pair.key as Node, `unknown key "${key}" (a robot has ${topLevelKeys.join(', ')})`);
	}
	const nameNode = root.get('name', true) as Node | undefined;
	const name = isScalar(nameNode) ? String(nameNode.value ?? '') : '';
	if (!nameNode) problem(root, 'name is required');
	else if (!/^[\p{L}\p{M}\p{N}_.-]{1,80}$/u.test(name)) problem(nameNode, 'name is letters, digits, _ . and - (it names the robot in logs and on the timeline)');
	const descriptionNode = root.get('description', true) as Node | undefined;
	const description = isScalar(descriptionNode) ? String(descriptionNode.value ?? '') : '';
	if (descriptionNode && !isScalar(descriptionNode)) problem(descriptionNode, 'description is one text');

	const vars = readVars(root.get('vars', true) as Node | undefined, problem);
	const stepsNode = root.get('steps', true) as Node | undefined;
	let steps: Step[] = [];
	if (!stepsNode) problem(root, 'steps is required');
	else if (!isSeq(stepsNode) || stepsNode.items.length === 0) problem(stepsNode, 'steps is a list of at least one step');
	else if (stepsNode.items.length > robotFileLimits.steps) problem(stepsNode, `${stepsNode.items.length} steps: a robot may have at most ${robotFileLimits.steps}`);
	else steps = readStepList(stepsNode, {document, file, problems, line: position.line, next: 1, limits: robotFileLimits});
	const needsCustomer = checkVariables(steps, vars, file, problems);
	if (problems.length > 0) return {problems: problems.sort((a, b) => a.line - b.line)};
	return {robot: {name, description, vars, steps, needsCustomer, source: file}, problems: []};
}

function readVars(node: Node | undefined, problem: (node: Node | null | undefined, message: string) => void): Record<string, string> {
	const vars: Record<string, string> = {};
	if (!node) return vars;
	if (!isMap(node)) {
		problem(node, 'vars maps names to starting values');
		return vars;
	}
	for (const pair of node.items as Array<Pair<Node, Node>>) {
		const name = isScalar(pair.key) ? String(pair.key.value) : '';
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problem(pair.key, `"${name}" is not a variable name (letters, digits and _)`);
		else if (!isScalar(pair.value)) problem(pair.value ?? pair.key, `vars.${name} must be one text`);
		else vars[name] = String(pair.value.value ?? '');
	}
	return vars;
}

/** Every placeholder must name a customer field or a variable set before the step runs. */
function checkVariables(steps: Step[], startVars: Record<string, string>, file: string, problems: RobotProblem[]): boolean {
	const known = new Set(Object.keys(startVars));
	const attachable = new Set<string>();
	let needsCustomer = false;
	// In file order, nested steps included: a variable is known after the step that sets it is written.
	for (const step of allSteps(steps)) {
		if (step.step === 'log' || step.step === 'update') needsCustomer = true;
		for (const text of templatedTexts(step)) {
			const found = templateReferences(text);
			if ('error' in found) {
				problems.push({file, line: step.line, step: {number: step.number, name: step.step}, message: found.error});
				continue;
			}
			for (const reference of found.references) {
				if (reference.scope === 'customer') needsCustomer = true;
				else if (reference.scope === 'secrets') continue;
				else if (!known.has(reference.name)) {
					problems.push({file, line: step.line, step: {number: step.number, name: step.step}, message: unknownVariable(reference.name, known)});
				}
			}
		}
		for (const name of setVariables(step)) known.add(name);
		checkAttachments(step, attachable, file, problems);
	}
	return needsCustomer;
}

/** An email attaches screenshots and reports by the names earlier steps gave them. */
function checkAttachments(step: Step, attachable: Set<string>, file: string, problems: RobotProblem[]): void {
	if (step.step === 'screenshot') attachable.add(step.name);
	if (step.step === 'report') attachable.add(step.as);
	if (step.step !== 'email') return;
	for (const name of step.attach) {
		if (attachable.has(name)) continue;
		const made = [...attachable];
		problems.push({file, line: step.line, step: {number: step.number, name: step.step}, message: `attach: no screenshot or report step before this one is named ${name}${made.length > 0 ? ` (named so far: ${made.join(', ')})` : ''}`});
	}
}

function unknownVariable(name: string, known: Set<string>): string {
	const [base, field] = name.split('.');
	if (field !== undefined && known.has(`${base}.x`)) return `{{vars.${name}}}: a match has x, y, width, height, centerX, centerY and score`;
	if (field === undefined && known.has(`${base}.x`)) return `{{vars.${name}}} is a match: use {{vars.${name}.x}}, .y, .width, .height, .centerX, .centerY or .score`;
	return `unknown variable {{vars.${name}}} (set it under vars: or with an earlier copy, find, read or pixel step)`;
}

export function robotFromText(text: string, file: string): Robot {
	const parsed = parseRobot(text, file);
	if (!parsed.robot) throw new UserError(parsed.problems.map(problem => visible(formatProblem(problem))).join('\n'), exitCodes.rejected);
	return parsed.robot;
}

import fs from 'node:fs';
import {LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair} from 'yaml';
import type {z} from 'zod';
import {UserError, exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import {formatProblem, templatedTexts, type Robot, type RobotProblem} from './robot.js';
import {bareSteps, stepNames, stepOptions, stepSchemas, type Step, type StepName} from './steps.js';
import {templateReferences} from './templates.js';

export type ParsedRobot = {robot: Robot; problems: []} | {robot?: undefined; problems: RobotProblem[]};

type Position = {line(node: Node | null | undefined, fallback: number): number};

const topLevelKeys = ['name', 'description', 'vars', 'steps'];
const optionNames = ['timeout', 'retries', 'retryDelay'];
/** The wait before a step's first retry when the file does not say (pyautogui and UiPath users expect a pause). */
export const defaultRetryDelayMs = 500;

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
	else if (!/^[\w.-]{1,80}$/.test(name)) problem(nameNode, 'name is letters, digits, _ . and - (it names the robot in logs and on the timeline)');
	const descriptionNode = root.get('description', true) as Node | undefined;
	const description = isScalar(descriptionNode) ? String(descriptionNode.value ?? '') : '';
	if (descriptionNode && !isScalar(descriptionNode)) problem(descriptionNode, 'description is one text');

	const vars = readVars(root.get('vars', true) as Node | undefined, problem);
	const stepsNode = root.get('steps', true) as Node | undefined;
	const steps: Step[] = [];
	if (!stepsNode) problem(root, 'steps is required');
	else if (!isSeq(stepsNode) || stepsNode.items.length === 0) problem(stepsNode, 'steps is a list of at least one step');
	else if (stepsNode.items.length > robotFileLimits.steps) problem(stepsNode, `${stepsNode.items.length} steps: a robot may have at most ${robotFileLimits.steps}`);
	else {
		stepsNode.items.forEach((item, index) => {
			const step = readStep(item as Node, index + 1, document, position, file, problems);
			if (step) steps.push(step);
		});
	}
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

function readStep(item: Node, number: number, document: Document, position: Position, file: string, problems: RobotProblem[]): Step | undefined {
	const line = position.line(item, 1);
	const fail = (message: string, node: Node | null | undefined = item, name = '?') => {
		problems.push({file, line: position.line(node, line), step: {number, name}, message});
		return undefined;
	};
	if (isScalar(item) && typeof item.value === 'string') {
		const name = item.value as StepName;
		if (!bareSteps.includes(name)) return fail(stepNames.includes(name) ? `${name} needs a value (${name}: ...)` : unknownStep(item.value));
		return {...(stepSchemas[name].parse(null) as Step), number, line, retries: 0, retryDelayMs: defaultRetryDelayMs};
	}
	if (!isMap(item)) return fail('a step is a mapping such as "click: {x: 100, y: 200}"');
	const pairs = item.items as Array<Pair<Node, Node>>;
	const names = pairs.map(pair => (isScalar(pair.key) ? String(pair.key.value) : '')).filter(key => !optionNames.includes(key));
	if (names.length === 0) return fail('a step needs a step name (one of ' + stepNames.join(', ') + ')');
	const name = names[0]!;
	if (!stepNames.includes(name as StepName)) return fail(unknownStep(name), pairs.find(pair => String((pair.key as {value?: unknown}).value) === name)?.key, name);
	if (names.length > 1) return fail(`one step per list item: also found "${names[1]}" (start it with its own "-")`, item, name);
	const stepPair = pairs.find(pair => isScalar(pair.key) && String(pair.key.value) === name)!;
	let value: unknown;
	try {
		value = stepPair.value ? stepPair.value.toJS(document, {maxAliasCount: robotFileLimits.aliases}) : null;
	} catch (error) {
		return fail(`cannot read this step's value: ${(error as Error).message}`, stepPair.value, name);
	}
	const action = stepSchemas[name as StepName].safeParse(value);
	if (!action.success) {
		for (const issue of action.error.issues) fail(describeIssue(issue, value), nodeAt(stepPair.value, issue.path), name);
		return undefined;
	}
	let optionValues: Record<string, unknown>;
	try {
		optionValues = Object.fromEntries(pairs.filter(pair => pair !== stepPair).map(pair => [String((pair.key as {value?: unknown}).value), pair.value?.toJS(document, {maxAliasCount: robotFileLimits.aliases})]));
	} catch (error) {
		return fail(`cannot read this step's options: ${(error as Error).message}`, item, name);
	}
	const options = stepOptions.safeParse(optionValues);
	if (!options.success) {
		for (const issue of options.error.issues) fail(describeIssue(issue, optionValues), item.get(String(issue.path[0]), true) as Node, name);
		return undefined;
	}
	return {...(action.data as Step), number, line, timeoutMs: options.data.timeout, retries: options.data.retries, retryDelayMs: options.data.retryDelay ?? defaultRetryDelayMs};
}

function unknownStep(name: unknown): string {
	return `unknown step "${String(name)}" (steps: ${stepNames.join(', ')})`;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
	const field = issue.path.filter(part => typeof part === 'string' || typeof part === 'number').join('.');
	if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map(key => `"${key}"`).join(', ')}`;
	if (issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined) return `${field ? `${field}: ` : ''}is required`;
	return field ? `${field}: ${issue.message}` : issue.message;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
	let current = value;
	for (const part of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<PropertyKey, unknown>)[part];
	}
	return current;
}

/** The deepest node along a validation issue's path, for its line. */
function nodeAt(node: Node | null | undefined, path: readonly PropertyKey[]): Node | null | undefined {
	let current = node;
	for (const part of path) {
		if (isMap(current)) {
			const next = current.get(String(part), true) as Node | undefined;
			if (!next) break;
			current = next;
		} else if (isSeq(current) && typeof part === 'number') {
			const next = current.items[part] as Node | undefined;
			if (!next) break;
			current = next;
		} else break;
	}
	return current;
}

/** Every placeholder must name a customer field or a variable set before the step runs. */
function checkVariables(steps: Step[], startVars: Record<string, string>, file: string, problems: RobotProblem[]): boolean {
	const known = new Set(Object.keys(startVars));
	let needsCustomer = false;
	for (const step of steps) {
		if (step.step === 'log' || step.step === 'update') needsCustomer = true;
		for (const text of templatedTexts(step)) {
			const found = templateReferences(text);
			if ('error' in found) {
				problems.push({file, line: step.line, step: {number: step.number, name: step.step}, message: found.error});
				continue;
			}
			for (const reference of found.references) {
				if (reference.scope === 'customer') needsCustomer = true;
				else if (!known.has(reference.name)) {
					problems.push({file, line: step.line, step: {number: step.number, name: step.step}, message: `unknown variable {{vars.${reference.name}}} (set it under vars: or with an earlier copy step)`});
				}
			}
		}
		if (step.step === 'copy') known.add(step.into);
	}
	return needsCustomer;
}

export function robotFromText(text: string, file: string): Robot {
	const parsed = parseRobot(text, file);
	if (!parsed.robot) throw new UserError(parsed.problems.map(problem => visible(formatProblem(problem))).join('\n'), exitCodes.rejected);
	return parsed.robot;
}

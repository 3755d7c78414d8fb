import {isMap, isScalar, isSeq, type Document, type Node, type Pair} from 'yaml';
import type {z} from 'zod';
import {condition, defaultMaxPasses, repeatFields} from './flow-steps.js';
import type {RobotProblem} from './robot.js';
import {bareSteps, flowStepNames, stepNames, stepOptions, stepSchemas, type Step, type StepName} from './steps.js';

/** The wait before a step's first retry when the file does not say (pyautogui and UiPath users expect a pause). */
export const defaultRetryDelayMs = 500;

const optionNames = ['timeout', 'retries', 'retryDelay'];

type Context = {
	document: Document;
	file: string;
	problems: RobotProblem[];
	line(node: Node | null | undefined, fallback: number): number;
	/** Steps are numbered in file order, nested ones where they are written. */
	next: number;
	limits: {steps: number; aliases: number};
	/** How many if/repeat/try steps the list being read is inside. */
	depth?: number;
};

/** Steps inside steps inside steps...: a robot is a page of steps, and the runner recurses per level. */
export const maxNesting = 20;

/** Reads a list of steps (the robot's, or one inside if/repeat/try). */
export function readStepList(node: Node, context: Context): Step[] {
	const steps: Step[] = [];
	if (!isSeq(node)) return steps;
	for (const item of node.items) {
		if (context.next > context.limits.steps) {
			context.problems.push({file: context.file, line: context.line(item as Node, 1), message: `more than ${context.limits.steps} steps: a robot may have at most ${context.limits.steps}`});
			break;
		}
		const step = readStep(item as Node, context);
		if (step) steps.push(step);
	}
	return steps;
}

function readStep(item: Node, context: Context): Step | undefined {
	const number = context.next++;
	const line = context.line(item, 1);
	const {document, file, problems} = context;
	const fail = (message: string, node: Node | null | undefined = item, name = '?') => {
		problems.push({file, line: context.line(node, line), step: {number, name}, message});
		return undefined;
	};
	if (isScalar(item) && typeof item.value === 'string') {
		const name = item.value as StepName;
		if (!bareSteps.includes(name)) return fail(stepNames.includes(name) ? `${name} needs a value (${name}: ...)` : unknownStep(item.value));
		return {...(stepSchemas[name as keyof typeof stepSchemas].parse(null) as Step), number, line, retries: 0, retryDelayMs: defaultRetryDelayMs};
	}
	if (!isMap(item)) return fail('a step is a mapping such as "click: {x: 100, y: 200}"');
	const pairs = item.items as Array<Pair<Node, Node>>;
	const keyOf = (pair: Pair<Node, Node>) => (isScalar(pair.key) ? String(pair.key.value) : '');
	const names = pairs.map(keyOf).filter(key => !optionNames.includes(key) && key !== 'catch');
	if (names.length === 0) return fail(pairs.some(pair => keyOf(pair) === 'catch') ? 'catch belongs to a try step: write "- try: [...]" and "catch: [...]" in one item' : 'a step needs a step name (one of ' + stepNames.join(', ') + ')');
	const name = names[0]!;
	if (!stepNames.includes(name as StepName)) return fail(unknownStep(name), pairs.find(pair => keyOf(pair) === name)?.key, name);
	if (names.length > 1) return fail(`one step per list item: also found "${names[1]}" (start it with its own "-")`, item, name);
	if (name !== 'try' && pairs.some(pair => keyOf(pair) === 'catch')) return fail('catch belongs to a try step', pairs.find(pair => keyOf(pair) === 'catch')!.key, name);
	const stepPair = pairs.find(pair => keyOf(pair) === name)!;
	if ((flowStepNames as readonly string[]).includes(name)) {
		const options = pairs.filter(pair => optionNames.includes(keyOf(pair)));
		if (options.length > 0) return fail(`${name} takes no ${keyOf(options[0]!)}: put it on the steps inside`, options[0]!.key, name);
		return readFlowStep(name as 'if' | 'repeat' | 'try', item, stepPair, {number, line}, context, fail);
	}
	let value: unknown;
	try {
		value = stepPair.value ? stepPair.value.toJS(document, {maxAliasCount: context.limits.aliases}) : null;
	} catch (error) {
		return fail(`cannot read this step's value: ${(error as Error).message}`, stepPair.value, name);
	}
	const action = stepSchemas[name as keyof typeof stepSchemas].safeParse(value);
	if (!action.success) {
		for (const issue of action.error.issues) fail(describeIssue(issue, value), nodeAt(stepPair.value, issue.path), name);
		return undefined;
	}
	let optionValues: Record<string, unknown>;
	try {
		optionValues = Object.fromEntries(pairs.filter(pair => pair !== stepPair).map(pair => [keyOf(pair), pair.value?.toJS(document, {maxAliasCount: context.limits.aliases})]));
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

type Fail = (message: string, node?: Node | null, name?: string) => undefined;

/** if / repeat / try: their own fields through zod, their step lists through readStepList (each step its own line). */
function readFlowStep(name: 'if' | 'repeat' | 'try', item: Node & {items: unknown[]}, stepPair: Pair<Node, Node>, at: {number: number; line: number}, context: Context, fail: Fail): Step | undefined {
	const base = {...at, retries: 0, retryDelayMs: defaultRetryDelayMs};
	const value = stepPair.value;
	const list = (node: Node | null | undefined, field: string, required: boolean): Step[] | undefined => {
		if (!node) return required ? fail(`${field} is required: a list of steps`, value ?? stepPair.key, name) : [];
		if (!isSeq(node) || (required && node.items.length === 0)) return fail(`${field} is a list of steps${required ? ' (at least one)' : ''}`, node, name);
		const depth = (context.depth ?? 0) + 1;
		if (depth > maxNesting) return fail(`if, repeat and try nest at most ${maxNesting} deep`, node, name);
		const inner = {...context, depth};
		const steps = readStepList(node, inner);
		context.next = inner.next;
		return steps;
	};
	const fields = (node: Node | null | undefined, allowed: string[], lists: string[]): Record<string, unknown> | undefined => {
		if (!isMap(node)) return fail(name === 'if' ? 'expected {condition, then: [steps], else: [steps]}' : 'expected {times: N | while: CONDITION, max, steps: [steps]}', node ?? stepPair.key, name);
		const read: Record<string, unknown> = {};
		for (const pair of node.items as Array<Pair<Node, Node>>) {
			const key = isScalar(pair.key) ? String(pair.key.value) : '';
			if (!allowed.includes(key)) return fail(`unknown field "${key}" (${name} has ${allowed.join(', ')})`, pair.key, name);
			if (!lists.includes(key)) read[key] = pair.value?.toJS(context.document, {maxAliasCount: context.limits.aliases});
		}
		return read;
	};
	if (name === 'try') {
		const catchPair = (item.items as Array<Pair<Node, Node>>).find(pair => isScalar(pair.key) && pair.key.value === 'catch');
		const steps = list(value, 'try', true);
		const handler = list(catchPair?.value, 'catch', false);
		if (!steps || !handler) return undefined;
		return {...base, step: 'try', steps, catch: handler};
	}
	if (name === 'if') {
		const read = fields(value, ['condition', 'then', 'else'], ['then', 'else']);
		if (!read || !isMap(value)) return undefined;
		const tested = condition.safeParse(read.condition);
		if (read.condition === undefined) fail('condition is required: {value, equals}, {value, matches}, {image: FILE.png} or {not: CONDITION}', value, name);
		else if (!tested.success) {
			for (const issue of tested.error.issues) fail(`condition: ${describeIssue(issue, read.condition)}`, nodeAt(value.get('condition', true) as Node, issue.path), name);
		}
		const then = list(value.get('then', true) as Node | undefined, 'then', true);
		const otherwise = list(value.get('else', true) as Node | undefined, 'else', false);
		if (!tested.success || !then || !otherwise) return undefined;
		return {...base, step: 'if', condition: tested.data, then, else: otherwise};
	}
	const read = fields(value, ['times', 'while', 'max', 'as', 'steps'], ['steps']);
	if (!read || !isMap(value)) return undefined;
	const parsed = repeatFields.safeParse(read);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) fail(describeIssue(issue, read), nodeAt(value, issue.path), name);
	}
	const steps = list(value.get('steps', true) as Node | undefined, 'steps', true);
	if (!parsed.success || !steps) return undefined;
	const {times, while: tested, max, as} = parsed.data;
	return {...base, step: 'repeat', steps, max: max ?? times ?? defaultMaxPasses, ...(times === undefined ? {} : {times}), ...(tested ? {while: tested} : {}), ...(as ? {as} : {})};
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

import {z} from 'zod';
import {customerFieldNames, type CustomerFieldName} from '../customers/customer-fields.js';
import {interactionDirections, interactionKinds, type InteractionDirection, type InteractionKind} from '../customers/interactions.js';
import type {TypeMethod} from './driver.js';
import {reportPeriods, type ReportPeriod} from '../reports/report-range.js';
import type {FlowAction} from './flow-steps.js';
import {parseCombo, type NutKeyName} from './keys.js';
import {duration, target, variableName, visionSchemas, type Target, type VisionAction} from './vision-steps.js';

export type {Point} from './vision-steps.js';

/** What a step does, after validation; text fields may still hold `{{...}}` placeholders. */
export type StepAction =
	| {step: 'move'; at: Target}
	| {step: 'click' | 'doubleClick' | 'rightClick'; at?: Target}
	| {step: 'drag'; from: Target; to: Target; durationMs: number}
	| {step: 'scroll'; direction: 'up' | 'down'; amount: number}
	| {step: 'type'; text: string; method?: TypeMethod}
	| {step: 'paste'; text: string}
	| {step: 'key'; combo: string; keys: NutKeyName[]}
	| {step: 'wait'; ms: number}
	| {step: 'waitForWindow'; title: string; withinMs: number}
	| {step: 'focusWindow'; title: string}
	| {step: 'copy'; into: string}
	| {step: 'open'; app: string; args: string[]; cwd?: string}
	| {step: 'close'; title: string; politeMs: number}
	| {step: 'screenshot'; name: string}
	| {step: 'log'; kind: InteractionKind; direction: InteractionDirection; subject: string; body: string}
	| {step: 'update'; changes: Partial<Record<CustomerFieldName, string>>}
	| {step: 'assert'; value: string; equals?: string; matches?: string}
	| {step: 'email'; to: string[]; cc: string[]; from?: string; subject: string; body: string; attach: string[]}
	| {step: 'report'; period: ReportPeriod; offset: number; currency?: string; as: string}
	| VisionAction
	| FlowAction;

export type StepName = StepAction['step'];

export type Step = StepAction & {
	/** 1-based position in the file, nested steps counted where they are written, as messages show it. */
	number: number;
	line: number;
	timeoutMs?: number;
	retries: number;
	/** The wait before the first retry; each next one waits twice as long. */
	retryDelayMs: number;
};

/** One address or a list; a text may also hold several, comma separated, after its placeholders are filled. */
const addresses = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {error: 'expected an address or a list of addresses'})
	.transform(value => (Array.isArray(value) ? value : [value]));

/** Scalars a YAML author may write unquoted (`type: 12345`) are text to type. */
const text = z.union([z.string(), z.number(), z.boolean()], {error: 'expected text'}).transform(String);
const optionalTarget = target.nullish().transform(at => at ?? undefined);

const combo = z.string({error: 'expected a key combination such as Control+S'}).transform((value, context) => {
	const parsed = parseCombo(value);
	if ('error' in parsed) {
		context.addIssue({code: 'custom', message: parsed.error});
		return z.NEVER;
	}
	return {combo: value, keys: parsed.keys};
});

/** The shape of each step's value; keys are the step names of the robot file format. */
export const stepSchemas = {
	move: target.transform(at => ({step: 'move' as const, at})),
	click: optionalTarget.transform(at => ({step: 'click' as const, at})),
	doubleClick: optionalTarget.transform(at => ({step: 'doubleClick' as const, at})),
	rightClick: optionalTarget.transform(at => ({step: 'rightClick' as const, at})),
	drag: z.strictObject({from: target, to: target, duration: duration.optional()})
		.transform(({from, to, duration}) => ({step: 'drag' as const, from, to, durationMs: duration ?? 500})),
	scroll: z.union([
		z.strictObject({down: z.number().int().positive()}).transform(({down}) => ({step: 'scroll' as const, direction: 'down' as const, amount: down})),
		z.strictObject({up: z.number().int().positive()}).transform(({up}) => ({step: 'scroll' as const, direction: 'up' as const, amount: up})),
	], {error: 'expected {down: N} or {up: N}'}),
	type: z.union([
		text.transform(value => ({step: 'type' as const, text: value})),
		z.strictObject({text, method: z.enum(['paste', 'keys'], {error: () => 'method is paste or keys'}).optional()})
			.transform(({text: value, method}) => ({step: 'type' as const, text: value, method})),
	], {error: 'expected text, or {text, method: paste | keys}'}),
	paste: text.transform(value => ({step: 'paste' as const, text: value})),
	key: combo.transform(({combo, keys}) => ({step: 'key' as const, combo, keys})),
	wait: duration.transform(ms => ({step: 'wait' as const, ms})),
	waitForWindow: z.strictObject({title: z.string({error: 'expected a window title'}).min(1), timeout: duration.optional()})
		.transform(({title, timeout}) => ({step: 'waitForWindow' as const, title, withinMs: timeout ?? 10_000})),
	focusWindow: z.strictObject({title: z.string({error: 'expected a window title'}).min(1)})
		.transform(({title}) => ({step: 'focusWindow' as const, title})),
	copy: z.strictObject({into: variableName}).transform(({into}) => ({step: 'copy' as const, into})),
	open: z.union([
		z.string().min(1).transform(app => ({step: 'open' as const, app, args: [] as string[], cwd: undefined as string | undefined})),
		z.strictObject({
			app: z.string({error: 'expected a program name or path'}).min(1, 'expected a program name or path'),
			args: z.array(text, {error: 'expected a list of arguments'}).default([]),
			cwd: z.string({error: 'expected a folder'}).min(1).optional(),
		}).transform(({app, args, cwd}) => ({step: 'open' as const, app, args, cwd})),
	], {error: 'expected a program, or {app, args: [...], cwd}'}),
	close: z.union([
		z.string().min(1).transform(title => ({step: 'close' as const, title, politeMs: 3000})),
		z.strictObject({title: z.string({error: 'expected a window title'}).min(1), wait: duration.optional()})
			.transform(({title, wait}) => ({step: 'close' as const, title, politeMs: wait ?? 3000})),
	], {error: 'expected a window title, or {title, wait}'}),
	screenshot: z.string({error: 'expected a screenshot name'}).regex(/^[\w.-]+$/, 'a screenshot name is letters, digits, _ . and -')
		.transform(name => ({step: 'screenshot' as const, name})),
	log: z.strictObject({
		kind: z.enum(interactionKinds, {error: () => `must be one of ${interactionKinds.join(', ')}`}).default('robot'),
		direction: z.enum(interactionDirections, {error: () => 'must be in or out'}).default('out'),
		subject: text,
		body: text.default(''),
	}).transform(value => ({step: 'log' as const, ...value})),
	update: z.partialRecord(z.enum(customerFieldNames, {error: () => `is not a customer field (fields: ${customerFieldNames.join(', ')})`}), text)
		.refine(changes => Object.keys(changes).length > 0, 'list at least one field to change')
		.transform(changes => ({step: 'update' as const, changes: changes as Partial<Record<CustomerFieldName, string>>})),
	assert: z.union([
		z.strictObject({value: text, equals: text}),
		z.strictObject({value: text, matches: z.string().refine(isRegExp, 'is not a valid regular expression')}),
	], {error: 'expected {value, equals} or {value, matches}'}).transform(value => ({step: 'assert' as const, ...value})),
	email: z.strictObject({
		to: addresses,
		cc: addresses.default([]),
		from: z.string({error: 'expected a sender address'}).min(1).optional(),
		subject: text,
		body: text.default(''),
		attach: z.array(z.string({error: 'expected the name of a screenshot or report of this robot'}).regex(/^[\w.-]+$/, 'names a screenshot or report: letters, digits, _ . and -'), {error: 'expected a list of screenshot or report names'}).default([]),
	}).transform(value => ({step: 'email' as const, ...value})),
	report: z.strictObject({
		period: z.enum(reportPeriods, {error: () => `must be one of ${reportPeriods.join(', ')}`}),
		offset: z.number({error: 'expected a whole number of periods back (-1: the last one)'}).int('expected a whole number').min(-1200).max(0).default(0),
		currency: z.string({error: 'expected a currency code such as EUR'}).regex(/^[A-Za-z]{3}$/, 'expected a three-letter currency code such as EUR').transform(code => code.toUpperCase()).optional(),
		as: z.string({error: 'expected a name that email steps attach it by'}).regex(/^[\w.-]+$/, 'a report name is letters, digits, _ . and -'),
	}).transform(value => ({step: 'report' as const, ...value})),
	...visionSchemas,
} satisfies Record<Exclude<StepName, FlowAction['step']>, z.ZodType>;

/** Steps that hold other steps; robot-file.ts reads them, because their steps need lines of their own. */
export const flowStepNames = ['if', 'repeat', 'try'] as const;

export const stepNames = [...Object.keys(stepSchemas), ...flowStepNames] as StepName[];

export function isFlowStep(step: Step): step is Step & FlowAction {
	return (flowStepNames as readonly string[]).includes(step.step);
}

/** Steps that may be written as a bare word (`- click`). */
export const bareSteps: readonly StepName[] = ['click', 'doubleClick', 'rightClick'];

/** Options every step may carry beside its name. */
export const stepOptions = z.strictObject({
	timeout: duration.optional(),
	retries: z.number({error: 'expected a number of retries'}).int('expected a whole number').min(0).max(10).default(0),
	retryDelay: duration.optional(),
});

export function isRegExp(source: string): boolean {
	try {
		new RegExp(source, 'u');
		return true;
	} catch {
		return false;
	}
}

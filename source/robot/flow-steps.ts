import {z} from 'zod';
import type {Step} from './steps.js';
import {defaultConfidence, imageName, searchArea, type ImageLocator} from './vision-steps.js';

/**
 * What `if` and `repeat: {while}` test: a value (the assert form), whether an image is on
 * screen now, or the opposite of either.
 */
export type Condition =
	| {value: string; equals: string}
	| {value: string; matches: string}
	| {seen: ImageLocator}
	| {not: Condition};

export type FlowAction =
	| {step: 'if'; condition: Condition; then: Step[]; else: Step[]}
	/** `times` passes, or while the condition holds and at most `max` passes (more fails the step). */
	| {step: 'repeat'; times?: number; while?: Condition; max: number; as?: string; steps: Step[]}
	/** A failure inside `steps` runs `catch` instead of failing the robot. */
	| {step: 'try'; steps: Step[]; catch: Step[]};

const text = z.union([z.string(), z.number(), z.boolean()], {error: 'expected text'}).transform(String);

function isRegExp(source: string): boolean {
	try {
		new RegExp(source, 'u');
		return true;
	} catch {
		return false;
	}
}

export const condition: z.ZodType<Condition> = z.lazy(() => z.union([
	z.strictObject({value: text, equals: text}),
	z.strictObject({value: text, matches: z.string().refine(isRegExp, 'is not a valid regular expression')}),
	z.strictObject({image: imageName, confidence: z.number().min(0.5).max(1).optional(), within: searchArea.optional()})
		.transform(({image, confidence, within}) => ({seen: {image, confidence: confidence ?? defaultConfidence, offset: {x: 0, y: 0}, waitMs: 0, ...(within ? {within} : {})}})),
	z.strictObject({not: condition}),
], {error: 'expected {value, equals}, {value, matches}, {image: FILE.png} or {not: CONDITION}'}));

/** Passes a `repeat: {while}` may make when the file does not say: a loop that never ends is a bug, not a robot. */
export const defaultMaxPasses = 100;
export const maxPasses = 100_000;

/** `repeat`'s own fields; its `steps` are read as steps. */
export const repeatFields = z.strictObject({
	times: z.number({error: 'expected a number of passes'}).int('expected a whole number').min(0).max(maxPasses, `at most ${maxPasses}`).optional(),
	while: condition.optional(),
	max: z.number({error: 'expected a number of passes'}).int('expected a whole number').min(1).max(maxPasses, `at most ${maxPasses}`).optional(),
	as: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and _').optional(),
}).refine(fields => (fields.times === undefined) !== (fields.while === undefined), 'give times: N or while: CONDITION (one of them)');

/** The images a condition looks for. */
export function conditionImages(tested: Condition): string[] {
	if ('seen' in tested) return [tested.seen.image];
	if ('not' in tested) return conditionImages(tested.not);
	return [];
}

/** The texts of a condition that may hold placeholders. */
export function conditionTexts(tested: Condition): string[] {
	if ('not' in tested) return conditionTexts(tested.not);
	if ('seen' in tested) return tested.seen.within && 'window' in tested.seen.within ? [tested.seen.within.window] : [];
	return [tested.value, 'equals' in tested ? tested.equals : tested.matches];
}

/** Every step in a list and in the lists inside it, in file order. */
export function allSteps(steps: readonly Step[]): Step[] {
	const found: Step[] = [];
	const walk = (list: readonly Step[]) => {
		for (const step of list) {
			found.push(step);
			if (step.step === 'if') {
				walk(step.then);
				walk(step.else);
			} else if (step.step === 'repeat') walk(step.steps);
			else if (step.step === 'try') {
				walk(step.steps);
				walk(step.catch);
			}
		}
	};
	walk(steps);
	return found;
}

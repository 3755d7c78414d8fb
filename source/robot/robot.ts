import {allSteps, conditionImages, conditionTexts} from './flow-steps.js';
import type {Step, StepAction} from './steps.js';
import {locatorImages, type ReadArea, type Target} from './vision-steps.js';

/** A validated robot file. */
export type Robot = {
	name: string;
	description: string;
	/** Starting values of `{{vars.NAME}}`; `copy` steps add more while it runs. */
	vars: Record<string, string>;
	steps: Step[];
	/** It reads or writes customer data, so a run needs a customer. */
	needsCustomer: boolean;
	/** The file name messages use. */
	source: string;
};

/** One thing wrong with a robot file, placed where the author can find it. */
export type RobotProblem = {
	file: string;
	line: number;
	/** The step it is in, when it is in one. */
	step?: {number: number; name: string};
	message: string;
};

export function formatProblem(problem: RobotProblem): string {
	const where = problem.step ? ` step ${problem.step.number} (${problem.step.name}):` : '';
	return `${problem.file}:${problem.line}:${where} ${problem.message}`;
}

/** The texts of a step that may hold `{{...}}` placeholders. */
export function templatedTexts(action: StepAction): string[] {
	switch (action.step) {
		case 'type':
		case 'paste':
			return [action.text];
		case 'waitForWindow':
		case 'focusWindow':
		case 'close':
			return [action.title];
		case 'open':
			return [action.app, ...action.args, ...(action.cwd === undefined ? [] : [action.cwd])];
		case 'log':
			return [action.subject, action.body];
		case 'update':
			return Object.values(action.changes);
		case 'assert':
			return [action.value, action.equals ?? '', action.matches ?? ''];
		case 'email':
			return [...action.to, ...action.cc, action.from ?? '', action.subject, action.body];
		case 'move':
		case 'click':
		case 'doubleClick':
		case 'rightClick':
			return windowTitles(action.at);
		case 'drag':
			return [...windowTitles(action.from), ...windowTitles(action.to)];
		case 'find':
		case 'waitForImage':
		case 'waitUntilGone':
			return windowTitles(action.locator);
		case 'read':
			return windowTitles(action.area);
		case 'waitForText':
			return [...windowTitles(action.area), action.text ?? '', action.matches ?? ''];
		case 'if':
			return conditionTexts(action.condition);
		case 'repeat':
			return action.while ? conditionTexts(action.while) : [];
		default:
			return [];
	}
}

/** A window title a search area names (titles may hold placeholders, as waitForWindow's do). */
function windowTitles(place: Target | ReadArea | undefined): string[] {
	if (!place) return [];
	const area = 'anchor' in place ? place.anchor.within : 'image' in place ? place.within : place;
	return area && 'window' in area ? [area.window] : [];
}

/** Fields a match stores under `{{vars.NAME.FIELD}}`. */
export const matchFields = ['x', 'y', 'width', 'height', 'centerX', 'centerY', 'score'] as const;

/** The variables a step sets for the steps after it. */
export function setVariables(step: StepAction): string[] {
	switch (step.step) {
		case 'copy': return [step.into];
		case 'find': return matchFields.map(field => `${step.as}.${field}`);
		case 'waitForImage': return step.as ? matchFields.map(field => `${step.as}.${field}`) : [];
		case 'read':
		case 'pixel':
			return [step.as];
		case 'waitForText':
		case 'repeat':
			return step.as ? [step.as] : [];
		default: return [];
	}
}

/** Every image file a robot looks for, each once, with the first step that names it. */
export function robotImages(steps: readonly Step[]): Array<{image: string; step: Step}> {
	const found = new Map<string, Step>();
	for (const step of allSteps(steps)) {
		for (const image of stepImages(step)) if (!found.has(image)) found.set(image, step);
	}
	return [...found].map(([image, step]) => ({image, step}));
}

export function stepImages(step: StepAction): string[] {
	switch (step.step) {
		case 'move':
		case 'click':
		case 'doubleClick':
		case 'rightClick':
			return step.at ? locatorImages(step.at) : [];
		case 'drag': return [...locatorImages(step.from), ...locatorImages(step.to)];
		case 'find':
		case 'waitForImage':
		case 'waitUntilGone':
			return [step.locator.image];
		case 'read': return locatorImages(step.area);
		case 'waitForText': return locatorImages(step.area);
		case 'if': return conditionImages(step.condition);
		case 'repeat': return step.while ? conditionImages(step.while) : [];
		default: return [];
	}
}

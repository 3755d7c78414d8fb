import type {Step, StepAction} from './steps.js';

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
		default:
			return [];
	}
}

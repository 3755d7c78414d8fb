import {performance} from 'node:perf_hooks';
import type {Customer} from '../customers/customer-fields.js';
import {UserError} from '../store/errors.js';
import type {CrmEffect} from './crm-effects.js';
import {describeAction} from './dry-run-driver.js';
import type {DesktopAction, DesktopDriver} from './driver.js';
import {formatDuration} from './durations.js';
import type {Robot} from './robot.js';
import type {Step, StepName} from './steps.js';
import {fillTemplate, type TemplateContext} from './templates.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the log keeps about one try of one step. */
export type StepRecord = {
	number: number;
	name: StepName;
	level: LogLevel;
	message: string;
	durationMs: number;
	screenshot?: string;
};

/** Where a run's progress goes: a job's log in the queue, or the terminal for `robot run`. */
export interface RunRecorder {
	stepStarted(step: Step): Promise<void>;
	/**
	 * Records that a step finished and commits its database effect in the same transaction,
	 * so a rerun after a crash never applies it twice. Resolves to the customer after an update.
	 */
	stepFinished(record: StepRecord, effect?: CrmEffect): Promise<{customer?: Customer}>;
}

/** The run must stop now (lease lost, job cancelled): not a step failure, nothing more is recorded. */
export class RunStopped extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'RunStopped';
	}
}

export type RunOptions = {
	driver: DesktopDriver;
	recorder: RunRecorder;
	customer?: Customer;
	/** The PNG path for a screenshot step or a failure, from a label. */
	screenshotFile: (label: string) => string;
	signal?: AbortSignal;
};

export type RunResult = {ok: true} | {ok: false; step: number; message: string};

/** Runs a validated robot's steps in order through a driver. The first step that fails (after its retries) ends the run. */
export async function runRobot(robot: Robot, options: RunOptions): Promise<RunResult> {
	if (robot.needsCustomer && !options.customer) {
		throw new UserError(`robot ${robot.name} works on a customer's data: pass --customer ID`);
	}
	const context: TemplateContext = {customer: options.customer, vars: {...robot.vars}};
	for (const step of robot.steps) {
		if (options.signal?.aborted) throw new RunStopped(String(options.signal.reason ?? 'stopped'));
		await options.recorder.stepStarted(step);
		const tries = step.retries + 1;
		for (let attempt = 1; ; attempt++) {
			const started = performance.now();
			const elapsed = () => Math.round(performance.now() - started);
			let outcome: {message: string; effect?: CrmEffect};
			try {
				outcome = await withTimeout(performStep(step, context, options), step.timeoutMs);
				const saved = await options.recorder.stepFinished({number: step.number, name: step.step, level: 'info', message: outcome.message, durationMs: elapsed()}, outcome.effect);
				if (saved.customer) context.customer = saved.customer;
				break;
			} catch (error) {
				if (error instanceof RunStopped) throw error;
				const message = (error as Error).message;
				if (attempt < tries) {
					await options.recorder.stepFinished({number: step.number, name: step.step, level: 'warn', message: `try ${attempt} of ${tries} failed: ${message}`, durationMs: elapsed()});
					continue;
				}
				const screenshot = await failureScreenshot(options, `step-${step.number}-failed`);
				await options.recorder.stepFinished({number: step.number, name: step.step, level: 'error', message, durationMs: elapsed(), screenshot});
				return {ok: false, step: step.number, message: `step ${step.number} (${step.step}, line ${step.line}): ${message}`};
			}
		}
	}
	return {ok: true};
}

async function performStep(step: Step, context: TemplateContext, options: RunOptions): Promise<{message: string; effect?: CrmEffect}> {
	const fill = (text: string) => fillTemplate(text, context);
	const act = async (action: DesktopAction) => {
		const result = await options.driver.perform(action);
		return {message: describeAction(action), result};
	};
	switch (step.step) {
		case 'move': return act({action: 'move', at: step.at});
		case 'click': return act({action: 'click', button: 'left', double: false, at: step.at});
		case 'doubleClick': return act({action: 'click', button: 'left', double: true, at: step.at});
		case 'rightClick': return act({action: 'click', button: 'right', double: false, at: step.at});
		case 'drag': return act({action: 'drag', from: step.from, to: step.to, durationMs: step.durationMs});
		case 'scroll': return act({action: 'scroll', direction: step.direction, amount: step.amount});
		case 'type': return act({action: 'type', text: fill(step.text)});
		case 'paste': return act({action: 'paste', text: fill(step.text)});
		case 'key': return act({action: 'key', keys: step.keys});
		case 'waitForWindow': return act({action: 'waitForWindow', title: fill(step.title), withinMs: step.withinMs});
		case 'focusWindow': return act({action: 'focusWindow', title: fill(step.title)});
		case 'wait':
			await sleep(step.ms, options.signal);
			return {message: `waited ${formatDuration(step.ms)}`};
		case 'copy': {
			const {result} = await act({action: 'copy'});
			context.vars[step.into] = result ?? '';
			return {message: `copied ${JSON.stringify(result ?? '')} into vars.${step.into}`};
		}
		case 'screenshot': {
			const file = options.screenshotFile(step.name);
			const saved = await options.driver.screenshot(file);
			return {message: saved ? `saved screenshot ${file}` : `no screen to capture with the ${options.driver.name} driver`};
		}
		case 'log': {
			const subject = fill(step.subject);
			return {message: `logged "${subject}" on customer #${context.customer!.id}`, effect: {effect: 'log', kind: step.kind, direction: step.direction, subject, body: fill(step.body)}};
		}
		case 'update': {
			const changes = Object.fromEntries(Object.entries(step.changes).map(([field, value]) => [field, fill(value!)]));
			return {message: `updated ${Object.keys(changes).join(', ')} of customer #${context.customer!.id}`, effect: {effect: 'update', changes}};
		}
		case 'assert': {
			const value = fill(step.value);
			if (step.equals !== undefined && value !== fill(step.equals)) throw new Error(`${JSON.stringify(value)} does not equal ${JSON.stringify(fill(step.equals))}`);
			if (step.matches !== undefined && !new RegExp(fill(step.matches), 'u').test(value)) throw new Error(`${JSON.stringify(value)} does not match /${step.matches}/`);
			return {message: `${JSON.stringify(value)} is as expected`};
		}
	}
}

async function failureScreenshot(options: RunOptions, label: string): Promise<string | undefined> {
	const file = options.screenshotFile(label);
	try {
		return (await options.driver.screenshot(file)) ? file : undefined;
	} catch {
		// The screen may be what failed; the step's own message says why.
		return undefined;
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number | undefined): Promise<T> {
	if (ms === undefined) return promise;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${formatDuration(ms)}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new RunStopped(String(signal.reason ?? 'stopped')));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(new RunStopped(String(signal?.reason ?? 'stopped')));
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

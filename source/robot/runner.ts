import {performance} from 'node:perf_hooks';
import type {Customer} from '../customers/customer-fields.js';
import {UserError} from '../store/errors.js';
import type {CrmEffect} from './crm-effects.js';
import {describeAction} from './dry-run-driver.js';
import type {DesktopDriver} from './driver.js';
import {formatDuration} from './durations.js';
import type {Robot} from './robot.js';
import {performStep, type StepOutcome} from './step-actions.js';
import type {Step, StepName} from './steps.js';
import {type TemplateContext} from './templates.js';

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
			try {
				const outcome = await tryStep(step, context, options);
				const notice = options.driver.takeNotice?.();
				const message = notice ? `${outcome.message} (${notice})` : outcome.message;
				const saved = await options.recorder.stepFinished({number: step.number, name: step.step, level: 'info', message, durationMs: elapsed()}, outcome.effect);
				if (saved.customer) context.customer = saved.customer;
				break;
			} catch (error) {
				if (error instanceof RunStopped) throw error;
				const notice = options.driver.takeNotice?.();
				const message = notice ? `${(error as Error).message} (${notice})` : (error as Error).message;
				if (attempt < tries) {
					const delay = step.retryDelayMs * 2 ** (attempt - 1);
					await options.recorder.stepFinished({number: step.number, name: step.step, level: 'warn', message: `try ${attempt} of ${tries} failed: ${message}; next try in ${formatDuration(delay)}`, durationMs: elapsed()});
					await sleep(delay, options.signal);
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

/**
 * One try of a step. A timeout aborts the action where it runs (in the desktop process) and
 * this waits until it has stopped, so a retry never types over a try that is still typing.
 */
async function tryStep(step: Step, context: TemplateContext, options: RunOptions): Promise<StepOutcome> {
	const control = new AbortController();
	const onStop = () => control.abort(options.signal?.reason);
	options.signal?.addEventListener('abort', onStop, {once: true});
	let timedOut = false;
	const timer = step.timeoutMs === undefined ? undefined : setTimeout(() => {
		timedOut = true;
		control.abort(new Error('timeout'));
	}, step.timeoutMs);
	try {
		return await performStep(step, context, {...options, signal: control.signal, limitMs: step.timeoutMs});
	} catch (error) {
		if (options.signal?.aborted) throw new RunStopped(String(options.signal.reason ?? 'stopped'));
		if (timedOut) throw new Error(`timed out after ${formatDuration(step.timeoutMs!)}; the action was stopped`, {cause: error});
		throw error;
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', onStop);
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

export {describeAction};

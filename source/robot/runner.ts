import {performance} from 'node:perf_hooks';
import type {Customer} from '../customers/customer-fields.js';
import {UserError, ValidationError} from '../store/errors.js';
import type {CrmEffect} from './crm-effects.js';
import {describeAction} from './dry-run-driver.js';
import type {DesktopDriver} from './driver.js';
import {formatDuration} from './durations.js';
import {evaluateCondition} from './conditions.js';
import {allSteps, type Condition, type FlowAction} from './flow-steps.js';
import {LookFailed} from './looks.js';
import {NeedsOperator} from './needs-operator.js';
import type {Robot} from './robot.js';
import {performStep, type StepOutcome} from './step-actions.js';
import {isFlowStep, type Step, type StepName} from './steps.js';
import {type TemplateContext} from './templates.js';
import type {ImageStore} from './vision-actions.js';
import type {Mailer} from '../mail/email-request.js';
import type {Reporter} from './report-action.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the log keeps about one try of one step. */
export type StepRecord = {
	number: number;
	name: StepName;
	level: LogLevel;
	message: string;
	durationMs: number;
	screenshot?: string;
	/**
	 * Inside repeats: the pass numbers, outermost first (`2.1`). With the step number it names
	 * one run of a step, which is how a CRM effect inside a loop is applied once per pass.
	 */
	pass?: string;
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
	/** The images the robot looks for (beside its file, or stored with its job). */
	images?: ImageStore;
	signal?: AbortSignal;
	/** Sends email steps' messages: the job's outbox (source/mail/job-mailer.ts) or a direct send. */
	mailer?: Mailer;
	/** Writes report steps' files (source/robot/report-action.ts). */
	reporter?: Reporter;
	/** The secrets the robot names, opened (and hidden from all output) before it runs. */
	secrets?: Record<string, string>;
};

export type RunResult = {ok: true} | Failure;

/** `final`: retrying the job cannot help (source/robot/needs-operator.ts). */
type Failure = {ok: false; step: number; message: string; final?: boolean};

/** One run's state: its variables, and how deep inside repeats and trys the current step is. */
type Run = {
	options: RunOptions;
	images: ImageStore;
	context: TemplateContext;
	/** The pass numbers of the repeats around the current step, outermost first. */
	passes: number[];
	/** The try steps around the current step, innermost last: a failure there is caught. */
	trys: number[];
};

/**
 * Runs a validated robot's steps in order through a driver. The first step that fails (after
 * its retries) ends the run, unless a try around it catches the failure.
 */
export async function runRobot(robot: Robot, options: RunOptions): Promise<RunResult> {
	if (robot.needsCustomer && !options.customer) {
		throw new UserError(`robot ${robot.name} works on a customer's data: pass --customer ID`);
	}
	const reads = allSteps(robot.steps).find(step => step.step === 'read' || step.step === 'waitForText') as {lang?: string} | undefined;
	if (reads?.lang) options.driver.warmOcr?.(reads.lang).catch(() => {});
	const run: Run = {options, images: options.images ?? (() => undefined), context: {customer: options.customer, vars: {...robot.vars}, ...(options.secrets ? {secrets: options.secrets} : {})}, passes: [], trys: []};
	return runSteps(robot.steps, run);
}

async function runSteps(steps: readonly Step[], run: Run): Promise<RunResult> {
	for (const step of steps) {
		if (run.options.signal?.aborted) throw new RunStopped(String(run.options.signal.reason ?? 'stopped'));
		await run.options.recorder.stepStarted(step);
		const result = isFlowStep(step) ? await runFlowStep(step, run) : await runStep(step, run);
		if (!result.ok) return result;
	}
	return {ok: true};
}

/** `pass 2.1: ` inside repeats, so a log of a loop says which pass each line belongs to. */
function passLabel(run: Run): string {
	return run.passes.length > 0 ? `pass ${run.passes.join('.')}: ` : '';
}

async function record(run: Run, step: Step, level: LogLevel, message: string, durationMs: number, extra: {screenshot?: string; effect?: CrmEffect} = {}) {
	const pass = run.passes.join('.');
	const record: StepRecord = {number: step.number, name: step.step, level, message: passLabel(run) + message, durationMs, ...(pass ? {pass} : {}), ...(extra.screenshot ? {screenshot: extra.screenshot} : {})};
	return run.options.recorder.stepFinished(record, extra.effect);
}

function failed(step: Step, message: string): Failure {
	return {ok: false, step: step.number, message: `step ${step.number} (${step.step}, line ${step.line}): ${message}`};
}

/** if, repeat and try: their own line in the log, then the steps they chose. */
async function runFlowStep(step: Step & FlowAction, run: Run): Promise<RunResult> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	const signal = run.options.signal ?? new AbortController().signal;
	const test = (condition: Condition) => evaluateCondition(condition, run.context, {driver: run.options.driver, images: run.images, signal});
	try {
		if (step.step === 'if') {
			const {holds, said} = await test(step.condition);
			const branch = holds ? step.then : step.else;
			await record(run, step, 'info', `${said}: ${holds ? 'then' : 'else'} (${branch.length} step${branch.length === 1 ? '' : 's'})`, elapsed());
			return runSteps(branch, run);
		}
		if (step.step === 'try') {
			const tried = await runSteps(step.steps, {...run, trys: [...run.trys, step.number]});
			if (tried.ok) return tried;
			await record(run, step, 'warn', `caught: ${tried.message}; ${step.catch.length > 0 ? `running catch (${step.catch.length} steps)` : 'no catch steps, going on'}`, elapsed());
			return runSteps(step.catch, run);
		}
		let pass = 0;
		for (;;) {
			if (step.times !== undefined ? pass >= step.times : !(await test(step.while!)).holds) break;
			if (pass >= step.max) throw new Error(`the while condition still holds after ${step.max} passes (max: ${step.max})`);
			pass++;
			if (step.as) run.context.vars[step.as] = String(pass);
			const result = await runSteps(step.steps, {...run, passes: [...run.passes, pass]});
			if (!result.ok) return result;
		}
		await record(run, step, 'info', `${pass} pass${pass === 1 ? '' : 'es'}${step.while ? ': the while condition no longer holds' : ''}`, elapsed());
		return {ok: true};
	} catch (error) {
		if (error instanceof RunStopped) throw error;
		return stepFailed(step, run, (error as Error).message, elapsed(), undefined);
	}
}

/** A step that failed for good: logged with a screenshot; inside a try a warning, since the try goes on. */
async function stepFailed(step: Step, run: Run, message: string, durationMs: number, screenshot: string | undefined): Promise<Failure> {
	const shot = screenshot ?? (await failureScreenshot(run.options, `step-${step.number}-failed`));
	const caught = run.trys.at(-1);
	const said = caught === undefined ? message : `${message} (the try at step ${caught} catches it)`;
	await record(run, step, caught === undefined ? 'error' : 'warn', said, durationMs, {...(shot ? {screenshot: shot} : {})});
	return failed(step, message);
}

async function runStep(step: Step, run: Run): Promise<RunResult> {
	const {options} = run;
	const tries = step.retries + 1;
	for (let attempt = 1; ; attempt++) {
		const started = performance.now();
		const elapsed = () => Math.round(performance.now() - started);
		const last = attempt === tries;
		try {
			const outcome = await tryStep(step, run, last ? options.screenshotFile(`step-${step.number}-failed`) : undefined);
			const notice = options.driver.takeNotice?.();
			const message = notice ? `${outcome.message} (${notice})` : outcome.message;
			const saved = await record(run, step, 'info', message, elapsed(), outcome.effect ? {effect: outcome.effect} : {});
			if (saved.customer) run.context.customer = saved.customer;
			return {ok: true};
		} catch (error) {
			if (error instanceof RunStopped) throw error;
			const notice = options.driver.takeNotice?.();
			const message = notice ? `${(error as Error).message} (${notice})` : (error as Error).message;
			// Neither an operator's decision nor a value the CRM refuses (a log subject or an update
			// that fails validation) changes by trying again: the job fails at once.
			const permanent = error instanceof NeedsOperator || error instanceof ValidationError;
			if (!last && !permanent) {
				const delay = step.retryDelayMs * 2 ** (attempt - 1);
				await record(run, step, 'warn', `try ${attempt} of ${tries} failed: ${message}; next try in ${formatDuration(delay)}`, elapsed());
				await sleep(delay, options.signal);
				continue;
			}
			const failure = await stepFailed(step, run, message, elapsed(), error instanceof LookFailed ? error.screenshot : undefined);
			return permanent && run.trys.length === 0 ? {...failure, final: true} : failure;
		}
	}
}

/**
 * One try of a step. A timeout aborts the action where it runs (in the desktop process) and
 * this waits until it has stopped, so a retry never types over a try that is still typing.
 */
async function tryStep(step: Step, run: Run, failureShot: string | undefined): Promise<StepOutcome> {
	const {options} = run;
	const control = new AbortController();
	const onStop = () => control.abort(options.signal?.reason);
	options.signal?.addEventListener('abort', onStop, {once: true});
	let timedOut = false;
	const timer = step.timeoutMs === undefined ? undefined : setTimeout(() => {
		timedOut = true;
		control.abort(new Error('timeout'));
	}, step.timeoutMs);
	try {
		return await performStep(step, run.context, {...options, images: run.images, signal: control.signal, limitMs: step.timeoutMs, pass: run.passes.join('.'), ...(failureShot ? {failureShot} : {})});
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

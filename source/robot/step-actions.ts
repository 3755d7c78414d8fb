import {parseTags, type Customer, type CustomerFieldName, type CustomerFields} from '../customers/customer-fields.js';
import {pickFields} from '../customers/customers.js';
import {validateCustomerFields} from '../customers/customer-validation.js';
import {interactionProblems} from '../customers/interactions.js';
import {ValidationError} from '../store/errors.js';
import type {CrmEffect} from './crm-effects.js';
import type {Mailer} from '../mail/email-request.js';
import {performEmailStep} from './email-action.js';
import type {Reporter} from './report-action.js';
import {describeAction} from './dry-run-driver.js';
import type {DesktopAction, DesktopDriver, Place} from './driver.js';
import {formatDuration} from './durations.js';
import {regexMatches} from './regex-check.js';
import {sleep} from './runner.js';
import {isFlowStep, type Step} from './steps.js';
import {fillTemplate, type TemplateContext} from './templates.js';
import {performVisionStep, resolveTarget, type ImageStore} from './vision-actions.js';
import type {Target} from './vision-steps.js';

export type StepOutcome = {message: string; effect?: CrmEffect};

type StepOptions = {
	driver: DesktopDriver;
	screenshotFile: (label: string) => string;
	images: ImageStore;
	/** Where a failing look saves its outlined screenshot (the step's last try only). */
	failureShot?: string;
	/** Aborted when the try must stop (timeout, job stopped). */
	signal: AbortSignal;
	/** The step's timeout, which also limits an assert's pattern. */
	limitMs?: number;
	/** Sends an email step's message (absent: email steps cannot run here). */
	mailer?: Mailer;
	/** Inside repeats: the pass numbers (`2.1`), so an email in a loop is sent once per pass. */
	pass?: string;
	/** Writes a report step's files (absent: report steps cannot run here). */
	reporter?: Reporter;
};

/** How long `copy` waits for the application to put something on the clipboard, when the step has no timeout. */
const copyWithinMs = 2000;

/** Performs one step: a desktop action through the driver, a wait, or a CRM effect (applied by the caller). */
export async function performStep(step: Step, context: TemplateContext, options: StepOptions): Promise<StepOutcome> {
	const {driver, signal} = options;
	const dry = driver.name === 'dry-run';
	const fill = (text: string) => fillTemplate(text, context);
	const act = async (action: DesktopAction, found: Array<string | undefined> = []) => {
		checkOnScreen(action, driver);
		const result = await driver.perform(action, signal);
		const said = dry ? `would ${describeAction(action)}` : describeAction(action);
		const seen = found.filter(Boolean).join('; ');
		return {message: `${result && action.action !== 'copy' ? `${said}: ${result}` : said}${seen ? ` (${seen})` : ''}`, result};
	};
	const looks = {driver, images: options.images, fill, signal, failureShot: options.failureShot};
	const place = (target: Target) => resolveTarget(target, looks);
	if (isFlowStep(step)) throw new Error(`${step.step} is run by the runner, not as one action`);
	switch (step.step) {
		case 'move': {
			const at = await place(step.at);
			return act({action: 'move', at: at.place}, [at.said]);
		}
		case 'click':
		case 'doubleClick':
		case 'rightClick': {
			const at = step.at ? await place(step.at) : undefined;
			return act({action: 'click', button: step.step === 'rightClick' ? 'right' : 'left', double: step.step === 'doubleClick', ...(at ? {at: at.place} : {})}, [at?.said]);
		}
		case 'drag': {
			const from = await place(step.from);
			const to = await place(step.to);
			return act({action: 'drag', from: from.place, to: to.place, durationMs: step.durationMs}, [from.said, to.said]);
		}
		case 'find':
		case 'waitForImage':
		case 'waitUntilGone':
		case 'read':
		case 'waitForText':
		case 'pixel':
		case 'waitForPixel':
			return performVisionStep(step, context, looks);
		case 'scroll': return act({action: 'scroll', direction: step.direction, amount: step.amount});
		case 'type': return act({action: 'type', text: fill(step.text), ...(step.method ? {method: step.method} : {})});
		case 'paste': return act({action: 'paste', text: fill(step.text)});
		case 'key': return act({action: 'key', keys: step.keys});
		case 'waitForWindow': return act({action: 'waitForWindow', title: fill(step.title), withinMs: step.withinMs});
		case 'focusWindow': return act({action: 'focusWindow', title: fill(step.title)});
		case 'close': return act({action: 'close', title: fill(step.title), politeMs: step.politeMs});
		case 'open': return act({action: 'open', app: fill(step.app), args: step.args.map(fill), ...(step.cwd === undefined ? {} : {cwd: fill(step.cwd)})});
		case 'wait':
			// A dry run shows what the robot would do, now: a robot that waits an hour between
			// steps is checked in a moment, not in an hour.
			if (dry) return {message: `would wait ${formatDuration(step.ms)} (dry run: not waited)`};
			await sleep(step.ms, signal);
			return {message: `waited ${formatDuration(step.ms)}`};
		case 'copy': {
			// Inside the step's timeout, so the step fails saying that nothing was copied, not just that it timed out.
			const withinMs = options.limitMs === undefined ? copyWithinMs : Math.max(50, options.limitMs - 150);
			const {result, message} = await act({action: 'copy', withinMs});
			context.vars[step.into] = result ?? '';
			return {message: `${message}: ${JSON.stringify(result ?? '')} into vars.${step.into}`};
		}
		case 'screenshot': {
			const file = options.screenshotFile(step.name);
			const saved = await driver.screenshot(file);
			// An email step later in the run may attach it by name.
			if (saved) context.files = {...context.files, [step.name]: [file]};
			return {message: saved ? `saved screenshot ${file}` : `no screen to capture with the ${driver.name} driver`};
		}
		case 'log': {
			const subject = fill(step.subject);
			const customer = context.customer!;
			const entry = {kind: step.kind, direction: step.direction, subject, body: fill(step.body)};
			if (dry) {
				// Checked as the real log would be (a name with a control character in the subject): a dry run that passes, passes for real.
				const [field, problem] = Object.entries(interactionProblems(entry))[0] ?? [];
				if (field) throw new ValidationError(field, problem!);
				return {message: `would log "${subject}" on customer #${customer.id} (dry run: nothing written)`};
			}
			return {message: `logged "${subject}" on customer #${customer.id}`, effect: {effect: 'log', ...entry}};
		}
		case 'update': {
			const customer = context.customer!;
			const changes = Object.fromEntries(Object.entries(step.changes).map(([field, value]) => [field, fill(value!)])) as Partial<Record<CustomerFieldName, string>>;
			const said = describeChanges(customer, changes);
			if (dry) {
				// Checked as the real update would be, and seen by later steps, but written nowhere.
				const after = validateCustomerFields({...pickFields(customer), ...fieldChanges(changes)});
				context.customer = {...customer, ...after};
				return {message: `would set ${said} on customer #${customer.id} (dry run: nothing written)`};
			}
			return {message: `set ${said} on customer #${customer.id}`, effect: {effect: 'update', changes}};
		}
		case 'report': {
			const what = `the ${step.period} report${step.offset === 0 ? '' : ` ${-step.offset} back`}${step.currency ? ` in ${step.currency}` : ''}`;
			if (dry) return {message: `would write ${what} as ${step.as} (dry run: nothing written)`};
			if (!options.reporter) throw new Error('report steps need the database: run them in a job or with robot run');
			const files = await options.reporter({period: step.period, offset: step.offset, ...(step.currency ? {currency: step.currency} : {})});
			context.files = {...context.files, [step.as]: files};
			return {message: `wrote ${what} as ${step.as}: ${files.join(', ')}`};
		}
		case 'email':
			return performEmailStep(step, context, {fill, dry, mailer: options.mailer, place: {step: step.number, pass: options.pass ?? ''}, signal});
		case 'assert': {
			const value = fill(step.value);
			if (step.equals !== undefined && value !== fill(step.equals)) throw new Error(`${JSON.stringify(value)} does not equal ${JSON.stringify(fill(step.equals))}`);
			if (step.matches !== undefined && !(await regexMatches(fill(step.matches), value, {limitMs: options.limitMs, signal}))) {
				throw new Error(`${JSON.stringify(value)} does not match /${step.matches}/`);
			}
			return {message: `${JSON.stringify(value)} is as expected`};
		}
	}
}

function fieldChanges(changes: Partial<Record<CustomerFieldName, string>>): Partial<CustomerFields> {
	const fields: Partial<CustomerFields> = {};
	for (const [field, value] of Object.entries(changes) as Array<[CustomerFieldName, string]>) {
		if (field === 'tags') fields.tags = parseTags(value);
		else (fields as Record<string, string>)[field] = value;
	}
	return fields;
}

/** `status lead → active, city "" → Graz`: what an update changes, each value cut to stay one readable line. */
function describeChanges(customer: Customer, changes: Partial<Record<CustomerFieldName, string>>): string {
	const shown = (value: string) => {
		const short = value.length > 60 ? `${value.slice(0, 59)}…` : value;
		return short === '' || /\s/.test(short) ? JSON.stringify(short) : short;
	};
	return Object.entries(changes).map(([field, value]) => {
		const before = customer[field as CustomerFieldName];
		const old = Array.isArray(before) ? before.join(';') : String(before ?? '');
		return `${field} ${shown(old)} → ${shown(value!)}`;
	}).join(', ');
}

/** A pointer action outside the screen would be wrapped or clamped by X: refuse it instead. */
function checkOnScreen(action: DesktopAction, driver: DesktopDriver): void {
	const screen = driver.screen;
	if (!screen) return;
	const places: Place[] = action.action === 'move' ? [action.at]
		: action.action === 'click' && action.at ? [action.at]
			: action.action === 'drag' ? [action.from, action.to] : [];
	for (const point of places) {
		if ('image' in point) continue;
		if (point.x >= screen.width || point.y >= screen.height || point.x < 0 || point.y < 0) {
			throw new Error(`${point.x},${point.y} is outside the screen (${screen.width}×${screen.height}; x from 0 to ${screen.width - 1}, y from 0 to ${screen.height - 1})`);
		}
	}
}

import path from 'node:path';
import {splitAddresses, type EmailPlace, type Mailer} from '../mail/email-request.js';
import type {StepOutcome} from './step-actions.js';
import type {Step} from './steps.js';
import type {TemplateContext} from './templates.js';

type EmailStep = Extract<Step, {step: 'email'}>;

/**
 * An email step: its texts filled, its attachments found among the files this run wrote, then
 * handed to the mailer (the job's outbox, or `robot run`'s direct send). A dry run sends nothing.
 */
export async function performEmailStep(step: EmailStep, context: TemplateContext, options: {fill: (text: string) => string; dry: boolean; mailer?: Mailer; place: EmailPlace; signal: AbortSignal}): Promise<StepOutcome> {
	const {fill} = options;
	const to = splitAddresses(step.to.map(fill));
	const cc = splitAddresses(step.cc.map(fill));
	if (to.length === 0) throw new Error(`no recipient: "to" (${step.to.join(', ')}) is empty once filled in`);
	const attachments = step.attach.flatMap(name => {
		const files = context.files?.[name];
		if (!files) throw new Error(`attach: no screenshot or report named ${name} was made earlier in this run`);
		return files.map(file => ({filename: path.basename(file), path: file}));
	});
	const subject = fill(step.subject);
	if (options.dry) return {message: `would send email "${subject}" to ${[...to, ...cc].join(', ')}${attachments.length > 0 ? ` with ${attachments.length} attachment${attachments.length === 1 ? '' : 's'}` : ''} (dry run: nothing sent)`};
	if (!options.mailer) throw new Error('email steps run in a job (opsdesk robot enqueue) or with robot run --customer');
	const request = {to, cc, ...(step.from ? {from: fill(step.from)} : {}), subject, body: fill(step.body), attachments};
	return options.mailer(request, options.place, options.signal);
}

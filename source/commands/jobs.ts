import {formatDuration} from '../robot/durations.js';
import {visible} from '../text/visible.js';
import {ageOf, durationOf} from '../robot/job-times.js';
import {jobStatuses, type Job, type JobLog, type JobStatus} from '../robot/queue.js';
import {openJobQueue} from '../robot/open-queue.js';
import {NotFoundError, exitCodes} from '../store/errors.js';
import type {Command, CommandContext} from './command.js';
import {jobEmails, markForResend} from '../mail/resend.js';
import {limitFlag, printJson, stringFlag, usageError} from './arguments.js';
import {formatFields, formatTable} from './table.js';
import type {JobQueue} from '../robot/queue.js';
import {batchJobs} from '../automation/batches.js';
import {batchLine} from './batch-line.js';

/** The queue on the run's store (either engine), closed when `work` is done. */
async function withQueue<T>(context: CommandContext, work: (queue: JobQueue) => Promise<T>): Promise<T> {
	const queue = openJobQueue(await context.store());
	try {
		return await work(queue);
	} finally {
		await queue.close();
	}
}

function jobIdArgument(command: Command, context: CommandContext): number {
	const [text, ...extra] = context.args;
	if (text === undefined) throw usageError(command, 'missing ID');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${extra[0]}"`);
	const id = text.replace(/^#/, '');
	if (!/^\d{1,15}$/.test(id) || Number(id) < 1) throw usageError(command, `ID must be a job number such as 7, got "${text}"`);
	return Number(id);
}

/** `succeeded (dry run)`: a dry run did nothing, and the list must not read as if it had. */
function statusLabel(job: Job): string {
	return job.dry_run ? `${job.status} (dry run)` : job.status;
}

/** Which worker runs the job now, or ran its latest attempt: on many hosts, where to look. */
function workerLabel(job: Job): string {
	if (!job.worker) return '';
	if (job.status === 'running') return `${job.worker} (running it now${job.lease_expires_at ? `, lease until ${job.lease_expires_at}` : ''})`;
	return `${job.worker} (ran attempt ${job.attempts})`;
}

function customerLabel(job: Job): string {
	return job.customer_id === null ? '' : `#${job.customer_id} ${job.customer_name ?? ''}`.trim();
}

const list: Command = {
	name: 'jobs list',
	summary: 'the robot queue, newest first',
	usage: `jobs list [--status ${jobStatuses.join('|')}] [--batch N] [--limit N] [--json]`,
	flags: {status: {type: 'string'}, batch: {type: 'number', min: 1}, limit: {type: 'string'}, json: {type: 'boolean'}},
	async run(context) {
		const status = stringFlag(context, 'status');
		if (status !== undefined && !jobStatuses.includes(status as JobStatus)) throw usageError(list, `--status must be one of ${jobStatuses.join(', ')}, got "${visible(status)}"`);
		const limit = limitFlag(list, context, 100);
		const batch = context.flags.batch as number | undefined;
		const jobs = batch === undefined
			? await withQueue(context, queue => queue.list({status: status as JobStatus | undefined, limit}))
			: await batchJobs(await context.store(), batch, {status: status as JobStatus | undefined, limit});
		// A batch's progress goes to stderr, so the listing stays the same shape for scripts.
		if (batch !== undefined) context.say(await batchLine(await context.store(), batch));
		if (context.flags.json === true) return printJson(context, jobs);
		if (jobs.length === 0) {
			context.say(status ? `no ${status} jobs` : 'the queue is empty');
			return exitCodes.ok;
		}
		context.print(formatTable(
			[{heading: 'ID'}, {heading: 'STATUS'}, {heading: 'ROBOT', max: 24}, {heading: 'CUSTOMER', max: 28}, {heading: 'TRIES'}, {heading: 'AGE'}, {heading: 'TOOK'}, {heading: 'WORKER', max: 24}, {heading: 'LAST ERROR', max: 60}],
			jobs.map(job => [String(job.id), statusLabel(job), job.robot, customerLabel(job), `${job.attempts}/${job.max_attempts}`, ageOf(job.created_at, Date.now()), durationOf(job, Date.now()), job.worker ?? '', job.status === 'succeeded' ? '' : job.last_error ?? ''].map(value => visible(value))),
		));
	},
};

export function logLine(log: JobLog): string {
	const where = log.step === null ? 'job' : `step ${log.step}`;
	const took = log.duration_ms === null ? '' : ` (${formatDuration(log.duration_ms)})`;
	const shot = log.screenshot ? `\n    screenshot: ${log.screenshot}` : '';
	return visible(`${log.at}  attempt ${log.attempt}  ${log.level.toUpperCase().padEnd(5)}  ${where}: ${log.message}${took}${shot}`, '\n');
}

const show: Command = {
	name: 'jobs show',
	summary: 'one job with its step logs',
	usage: 'jobs show ID [--json]',
	flags: {json: {type: 'boolean'}},
	async run(context) {
		const id = jobIdArgument(show, context);
		const {job, logs} = await withQueue(context, async queue => {
			const job = await queue.get(id);
			if (!job) throw new NotFoundError(`no job #${id}`);
			return {job, logs: await queue.logs(id)};
		});
		const emails = await jobEmails(await context.store(), id);
		if (context.flags.json === true) return printJson(context, {...job, logs, emails});
		context.print(formatFields(([
			['id', String(job.id)], ['robot', job.robot], ['file', job.robot_file], ['customer', customerLabel(job)],
			['status', job.status], ['dry run', job.dry_run ? 'yes: the last attempt ran on the dry-run driver; nothing was done or written' : 'no'],
			['priority', job.priority], ['attempts', `${job.attempts} of ${job.max_attempts}`],
			['created', job.created_at], ['started', job.started_at ?? ''], ['finished', job.finished_at ?? ''],
			['worker', workerLabel(job)], ['last error', job.last_error ?? ''],
		] as const).map(([key, value]) => [key, visible(value)] as const)));
		if (emails.length > 0) context.print(`\n${emails.map(email => visible(`email of step ${email.step}${email.pass ? ` pass ${email.pass}` : ''}: ${email.state} ${email.message_id} to ${email.recipients.join(', ')}${email.server_reply ? ` (${email.server_reply})` : ''}`)).join('\n')}`);
		context.print(logs.length > 0 ? `\n${logs.map(logLine).join('\n')}` : '\nno log lines yet');
	},
};

const retry: Command = {
	name: 'jobs retry',
	summary: 'queue a failed or cancelled job again (with a fresh set of attempts); --resend also sends again an email whose sending was never confirmed',
	usage: 'jobs retry ID [--resend]',
	flags: {resend: {type: 'boolean'}},
	async run(context) {
		const id = jobIdArgument(retry, context);
		const job = await withQueue(context, queue => queue.retry(id));
		context.say(`job #${job.id} (${visible(job.robot)}) is queued again: attempts ${job.attempts} of ${job.max_attempts}`);
		const unsure = await markForResend(await context.store(), id, context.flags.resend === true);
		for (const email of unsure) {
			context.say(visible(context.flags.resend === true
				? `the email ${email.message_id} of step ${email.step} will be sent again, with the same Message-ID`
				: `the email ${email.message_id} of step ${email.step} may already have been sent; it is not sent again (add --resend to send it again)`));
		}
	},
};

const cancel: Command = {
	name: 'jobs cancel',
	summary: 'cancel a queued or running job (a running one stops at its next step)',
	usage: 'jobs cancel ID',
	flags: {},
	async run(context) {
		const id = jobIdArgument(cancel, context);
		const job = await withQueue(context, queue => queue.cancel(id));
		context.say(`job #${job.id} (${visible(job.robot)}) cancelled`);
	},
};

export const jobCommands: Command[] = [list, show, retry, cancel];

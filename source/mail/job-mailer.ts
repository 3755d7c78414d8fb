import type {Db} from '../store/store.js';
import {redactSecrets} from '../secrets/redact.js';
import {sleep} from '../robot/runner.js';
import {NeedsOperator} from '../robot/needs-operator.js';
import {defaultSender, newMessageId, splitAddresses, type EmailEffect, type Mailer} from './email-request.js';
import {sendEmail} from './send-mail.js';
import type {SmtpServer} from './smtp-url.js';

export type JobMailerOptions = {
	db: Db;
	job: {id: number; attempt: number};
	server: () => Promise<SmtpServer>;
	/** How long before the first retry of a 4xx answer; each next waits twice as long. */
	backoffMs?: number;
	tries?: number;
};

/** The wait before the first retry of a "try later" answer (OPSDESK_SMTP_BACKOFF_MS changes it, for tests and slow relays). */
export function smtpBackoffMs(env: NodeJS.ProcessEnv = process.env): number {
	const value = Number(env.OPSDESK_SMTP_BACKOFF_MS);
	return Number.isFinite(value) && value >= 0 ? value : 5000;
}

/** No answer at all (refused, unknown host, timed out), as opposed to a 4xx answer. */
export function unreachable(reply: string): boolean {
	return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET/.test(reply);
}

function mayBeOut(jobId: number, messageId: string, attempt: number): string {
	return `the email ${messageId} of attempt ${attempt} may already have been sent (the server's answer was never recorded); not sent again. After checking the mailbox, opsdesk jobs retry ${jobId} --resend sends it again`;
}

/**
 * The email step of a job, exactly once: the Message-ID is committed (state `sending`) before
 * the message goes out, and the step that records it as sent commits the interaction too. A
 * rerun that finds `sending` cannot know whether the message left, so it stops and says so;
 * `jobs retry --resend` marks it `resend`, and the next run sends it with the same Message-ID
 * (a mailbox that got the first one can drop the copy).
 */
export function jobMailer(options: JobMailerOptions): Mailer {
	const {db, job} = options;
	return async (email, place, signal) => {
		const key = {job_id: job.id, step: place.step, pass: place.pass};
		const found = await db.db.selectFrom('job_emails').selectAll().where('job_id', '=', key.job_id).where('step', '=', key.step).where('pass', '=', key.pass).executeTakeFirst();
		if (found?.state === 'sent') return {message: `email ${found.message_id} was sent in attempt ${found.attempt}; not sent again`};
		if (found?.state === 'sending') throw new NeedsOperator(mayBeOut(job.id, found.message_id, found.attempt));
		const server = await options.server();
		const from = email.from ?? server.from ?? defaultSender();
		const messageId = found?.state === 'resend' ? found.message_id : newMessageId(from, `job-${job.id}.step-${place.step}${place.pass ? `.pass-${place.pass}` : ''}`);
		const to = splitAddresses(email.to);
		const cc = splitAddresses(email.cc);
		const subject = redactSecrets(email.subject);
		const prepared = {state: 'sending' as const, message_id: messageId, recipients: JSON.stringify([...to, ...cc]), subject, attempt: job.attempt, prepared_at: new Date().toISOString(), sent_at: null, server_reply: null};
		await db.write(async tx => {
			await tx.db.insertInto('job_emails').values({...key, ...prepared}).onConflict(conflict => conflict.columns(['job_id', 'step', 'pass']).doUpdateSet(prepared)).execute();
		});
		const settle = (reply: string) => db.write(async tx => {
			await tx.db.updateTable('job_emails').set({state: 'refused', server_reply: redactSecrets(reply)}).where('job_id', '=', key.job_id).where('step', '=', key.step).where('pass', '=', key.pass).execute();
		});
		const tries = options.tries ?? 3;
		for (let attempt = 1; ; attempt++) {
			const result = await sendEmail(server, {from, to, cc, subject: email.subject, text: email.body, messageId, attachments: email.attachments}, {signal});
			if (result.outcome === 'sent') {
				const effect: EmailEffect = {effect: 'email', messageId, to, cc, subject, body: redactSecrets(email.body), reply: redactSecrets(result.reply)};
				const refused = result.rejected.length > 0 ? `; refused: ${result.rejected.join(', ')}` : '';
				return {message: `sent email ${messageId} to ${[...to, ...cc].join(', ')} through ${server.shown}: ${redactSecrets(result.reply)}${refused}`, effect};
			}
			if (result.outcome === 'unknown') {
				await db.write(tx => tx.db.updateTable('job_emails').set({server_reply: redactSecrets(result.reply)}).where('job_id', '=', key.job_id).where('step', '=', key.step).where('pass', '=', key.pass).execute());
				throw new NeedsOperator(`the connection to ${server.shown} broke while the email was being handed over (${result.reply}): ${mayBeOut(job.id, messageId, job.attempt)}`);
			}
			if (result.outcome === 'temporary' && attempt < tries) {
				await sleep((options.backoffMs ?? smtpBackoffMs()) * 2 ** (attempt - 1), signal);
				continue;
			}
			await settle(result.reply);
			throw new Error(result.outcome === 'failed'
				? `${server.shown} refused the email: ${result.reply}`
				: `${server.shown} ${unreachable(result.reply) ? 'could not be reached' : 'said to try later'} ${tries} times: ${result.reply}; not sent`);
		}
	};
}

/** Inside the step's transaction: the email is sent, for good. */
export async function recordEmailSent(tx: Db, jobId: number, place: {step: number; pass: string}, effect: EmailEffect, at: string): Promise<void> {
	await tx.db.updateTable('job_emails').set({state: 'sent', sent_at: at, server_reply: effect.reply})
		.where('job_id', '=', jobId).where('step', '=', place.step).where('pass', '=', place.pass).execute();
}

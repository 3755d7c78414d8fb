import {redactSecrets} from '../secrets/redact.js';
import {sleep} from '../robot/runner.js';
import {defaultSender, newMessageId, type Mailer} from './email-request.js';
import {smtpBackoffMs, unreachable} from './job-mailer.js';
import {sendEmail} from './send-mail.js';
import type {SmtpServer} from './smtp-url.js';

/**
 * `robot run`'s email steps: sent at once, with no outbox (there is no job to rerun; the operator
 * sees the answer). A "try later" answer is tried again twice, with backoff.
 */
export function directMailer(server: () => Promise<SmtpServer>, label: string): Mailer {
	return async (email, place, signal) => {
		const smtp = await server();
		const from = email.from ?? smtp.from ?? defaultSender();
		const messageId = newMessageId(from, `${label}.step-${place.step}${place.pass ? `.pass-${place.pass}` : ''}`);
		for (let attempt = 1; ; attempt++) {
			const result = await sendEmail(smtp, {from, to: email.to, cc: email.cc, subject: email.subject, text: email.body, messageId, attachments: email.attachments}, {signal});
			if (result.outcome === 'sent') {
				return {
					message: `sent email ${messageId} to ${[...email.to, ...email.cc].join(', ')} through ${smtp.shown}: ${redactSecrets(result.reply)}`,
					effect: {effect: 'email', messageId, to: email.to, cc: email.cc, subject: redactSecrets(email.subject), body: redactSecrets(email.body), reply: redactSecrets(result.reply)},
				};
			}
			if (result.outcome === 'temporary' && attempt < 3) {
				await sleep(smtpBackoffMs() * 2 ** (attempt - 1), signal);
				continue;
			}
			if (result.outcome === 'unknown') throw new Error(`the connection to ${smtp.shown} broke while the email was being handed over (${result.reply}): it may have arrived`);
			throw new Error(result.outcome === 'failed' ? `${smtp.shown} refused the email: ${result.reply}` : `${smtp.shown} ${unreachable(result.reply) ? 'could not be reached' : 'said to try later'} 3 times: ${result.reply}; not sent`);
		}
	};
}

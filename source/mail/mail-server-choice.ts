import {UserError} from '../store/errors.js';
import type {Db} from '../store/store.js';
import type {SecretKey} from '../secrets/key-file.js';
import {openSecrets, secretExists} from '../secrets/secrets.js';
import {parseSmtpUrl, type SmtpServer} from './smtp-url.js';

/**
 * The mail server an email step sends through: the secret `smtp` when it is set (so the password
 * lives encrypted with the other secrets), else `OPSDESK_SMTP_URL`. Read when the first email
 * goes out, not before: a robot with no email step needs neither.
 */
export async function chooseMailServer(db: Db, key: (() => SecretKey) | undefined, env: NodeJS.ProcessEnv = process.env): Promise<SmtpServer> {
	if (key && await secretExists(db, 'smtp')) {
		const {smtp} = await openSecrets(db, key, ['smtp']);
		return parseSmtpUrl(smtp!, 'the secret smtp');
	}
	const url = env.OPSDESK_SMTP_URL?.trim();
	if (url) return parseSmtpUrl(url, 'OPSDESK_SMTP_URL');
	throw new UserError('no mail server: store its URL as the secret smtp (echo smtp://USER:PASSWORD@HOST:587 | opsdesk secrets set smtp) or set OPSDESK_SMTP_URL');
}

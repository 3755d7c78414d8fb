import fs from 'node:fs';
import {UserError} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';
import {hideSecretValue} from '../secrets/redact.js';

/** Where email goes: parsed from `smtp://user:pass@host:587` or `smtps://…`, the password hidden from every output. */
export type SmtpServer = {
	host: string;
	port: number;
	/** smtps: TLS from the first byte; smtp: STARTTLS when offered (required: see below). */
	implicitTls: boolean;
	/** Refuse to go on without STARTTLS: a password never crosses the network in the clear. */
	requireTls: boolean;
	user?: string;
	password?: string;
	/** The sender when the step names none (`?from=ops@example.com`). */
	from?: string;
	/** Extra certificate authorities to trust (`?ca=/etc/ssl/company-ca.pem`), for a company relay. */
	ca?: string;
	/** The URL without its password: what messages and logs show. */
	shown: string;
};

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

function decode(part: string, what: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		throw new UserError(`the SMTP server URL's ${what} is not valid percent-encoding`);
	}
}

/**
 * Reads an SMTP server URL. Whatever goes wrong, the message never repeats the URL (it may hold
 * a password); the password is registered as hidden before anything else happens.
 */
export function parseSmtpUrl(text: string, source: string): SmtpServer {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw new UserError(`${source}: not a URL; expected smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465`);
	}
	const password = url.password ? decode(url.password, 'password') : undefined;
	if (password) {
		hideSecretValue(password);
		hideSecretValue(url.password);
	}
	const scheme = url.protocol.replace(/:$/, '').toLowerCase();
	if (scheme !== 'smtp' && scheme !== 'smtps') throw new UserError(`${source}: the scheme is ${scheme}; expected smtp:// (STARTTLS) or smtps:// (TLS)`);
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (!host) throw new UserError(`${source}: no host; expected ${scheme}://USER:PASSWORD@HOST:PORT`);
	const port = url.port ? Number(url.port) : scheme === 'smtps' ? 465 : 587;
	const user = url.username ? decode(url.username, 'user name') : undefined;
	const known = ['from', 'ca', 'starttls'];
	for (const name of url.searchParams.keys()) if (!known.includes(name)) throw new UserError(`${source}: unknown option ?${name}= (options: ${known.join(', ')})`);
	const starttls = url.searchParams.get('starttls');
	if (starttls !== null && starttls !== 'required' && starttls !== 'optional') throw new UserError(`${source}: ?starttls= is required or optional`);
	let ca: string | undefined;
	const caFile = url.searchParams.get('ca');
	if (caFile) {
		try {
			ca = fs.readFileSync(caFile, 'utf8');
		} catch (error) {
			throw new UserError(`${source}: the certificate authority ${caFile}: ${describeFileError(error)}`);
		}
	}
	const implicitTls = scheme === 'smtps';
	const shownUrl = `${scheme}://${user ? `${encodeURIComponent(user)}@` : ''}${url.host}`;
	return {
		host, port, implicitTls,
		requireTls: !implicitTls && (starttls === 'required' || (starttls === null && password !== undefined && !loopback.test(host))),
		...(user ? {user} : {}), ...(password ? {password} : {}),
		...(url.searchParams.get('from') ? {from: url.searchParams.get('from')!} : {}),
		...(ca ? {ca} : {}),
		shown: shownUrl,
	};
}

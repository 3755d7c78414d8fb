import net from 'node:net';
import os from 'node:os';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type {SmtpServer} from './smtp-url.js';

export type OutgoingEmail = {
	from: string;
	to: string[];
	cc: string[];
	subject: string;
	text: string;
	/** Chosen (and recorded) before sending: a rerun can name the message it may already have sent. */
	messageId: string;
	attachments: Array<{filename: string; path: string}>;
};

/**
 * What became of one try:
 * - `sent`: the server took it (250); `rejected` lists recipients it refused meanwhile.
 * - `temporary`: not sent, try again later (a 4xx answer, or no connection at all).
 * - `failed`: not sent, and trying again will not help (a 5xx answer, a TLS or login problem).
 * - `unknown`: the connection broke after the message was on its way: it may have arrived.
 */
export type SendResult =
	| {outcome: 'sent'; reply: string; accepted: string[]; rejected: string[]}
	| {outcome: 'temporary' | 'failed' | 'unknown'; reply: string};

type NodemailerError = Error & {code?: string; responseCode?: number; response?: string; originalCode?: string; command?: string};

/** The message as it goes over the wire (UTF-8 subject in RFC 2047 words, our Message-ID) and its envelope. */
export async function composeEmail(email: OutgoingEmail): Promise<{message: Buffer; envelope: {from: string | false; to: string[]}}> {
	const composer = new MailComposer({
		from: email.from, to: email.to, cc: email.cc.length > 0 ? email.cc : undefined,
		subject: email.subject, text: email.text, messageId: email.messageId, attachments: email.attachments,
		// Only files opsdesk itself wrote are attached: never a URL, never a path from data.
		disableUrlAccess: true,
	});
	const compiled = composer.compile();
	return {message: await compiled.build(), envelope: compiled.getEnvelope()};
}

type Pending = {reject: (error: NodemailerError) => void};

/**
 * One exchange with the server. nodemailer reports some failures (a refused connection, a
 * broken socket) only as 'error' events, not to the callback: those end the pending exchange too.
 */
function step<T>(pending: Pending, run: (done: (error: NodemailerError | null | undefined, value?: T) => void) => void): Promise<T> {
	return new Promise((resolve, reject) => {
		pending.reject = reject;
		run((error, value) => (error ? reject(error) : resolve(value as T)));
	});
}

/**
 * Sends one message over one SMTP connection, knowing which stage a failure happened in: a
 * failure before the message was handed over means it was not sent; a broken connection while
 * it was being handed over means nobody knows.
 */
export async function sendEmail(server: SmtpServer, email: OutgoingEmail, options: {signal?: AbortSignal; timeoutMs?: number} = {}): Promise<SendResult> {
	const {message, envelope} = await composeEmail(email);
	const timeout = options.timeoutMs ?? 60_000;
	const connection = new SMTPConnection({
		host: server.host, port: server.port, secure: server.implicitTls, requireTLS: server.requireTls,
		// A certificate names a host; an IP address is checked against the certificate's IP entries instead.
		tls: {...(net.isIP(server.host) ? {} : {servername: server.host}), ...(server.ca ? {ca: server.ca} : {})},
		name: os.hostname(), connectionTimeout: Math.min(timeout, 15_000), greetingTimeout: Math.min(timeout, 15_000), socketTimeout: timeout,
		allowInternalNetworkInterfaces: true, logger: false, debug: false,
	});
	let stage: 'connecting' | 'sending' = 'connecting';
	const pending: Pending = {reject: () => {}};
	connection.on('error', (error: NodemailerError) => pending.reject(error));
	// A close without an error (the server hung up between exchanges) must end the wait as well.
	connection.on('end', () => pending.reject(Object.assign(new Error('the server closed the connection'), {code: 'ECONNECTION'})));
	const onAbort = () => connection.close();
	options.signal?.addEventListener('abort', onAbort, {once: true});
	try {
		if (options.signal?.aborted) return {outcome: 'temporary', reply: 'stopped before connecting'};
		await step<void>(pending, done => connection.connect(error => done(error)));
		if (server.user !== undefined) await step<boolean>(pending, done => connection.login({user: server.user, pass: server.password ?? ''}, done));
		stage = 'sending';
		const info = await step<{response: string; accepted: string[]; rejected: string[]}>(pending, done => connection.send(envelope, message, done));
		connection.quit();
		return {outcome: 'sent', reply: info.response, accepted: info.accepted, rejected: info.rejected};
	} catch (error) {
		connection.close();
		return classify(error as NodemailerError, stage, Boolean(options.signal?.aborted));
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
	}
}

/** Configuration trouble: the same try fails the same way until someone changes something. */
const lasting = new Set(['ETLS', 'EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EREQUIRETLS', 'EMESSAGE', 'EFILEACCESS']);

function classify(error: NodemailerError, stage: 'connecting' | 'sending', aborted: boolean): SendResult {
	const reply = serverWords(error);
	if (error.responseCode && error.responseCode >= 500) return {outcome: 'failed', reply};
	if (error.responseCode && error.responseCode >= 400) return {outcome: 'temporary', reply};
	// Refused here before anything went out (a bad address), or the line broke before the message was offered.
	if (error.command === 'API') return {outcome: 'failed', reply};
	if (error.command === 'MAIL FROM' || error.command === 'RCPT TO') return {outcome: 'temporary', reply};
	if (stage === 'sending') return {outcome: 'unknown', reply: aborted ? 'stopped while the message was being handed to the server' : reply};
	if (aborted) return {outcome: 'temporary', reply: 'stopped before the message was handed over'};
	if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(error.originalCode ?? '')) {
		return {outcome: 'failed', reply: `${reply}: the server's certificate is not trusted (give its certificate authority with ?ca=FILE in the server URL)`};
	}
	return {outcome: error.code && lasting.has(error.code) ? 'failed' : 'temporary', reply};
}

/** The server's own words when it answered, else what went wrong on the way. */
function serverWords(error: NodemailerError): string {
	if (error.response) return error.response.replace(/\s+/g, ' ').trim();
	const cause = error.originalCode ? ` (${error.originalCode})` : '';
	return `${error.message}${cause}`.replace(/\s+/g, ' ').trim();
}

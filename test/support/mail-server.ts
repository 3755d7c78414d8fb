import type {AddressInfo} from 'node:net';
import {simpleParser, type ParsedMail} from 'mailparser';
import {SMTPServer, type SMTPServerOptions, type SMTPServerSession} from 'smtp-server';

export type ReceivedEmail = {mail: ParsedMail; raw: Buffer; envelopeTo: string[]; user: string | undefined; secure: boolean};

export type TestMailServer = {
	port: number;
	received: ReceivedEmail[];
	/** Every AUTH attempt: the user name, and whether the password was right. */
	logins: Array<{user: string; ok: boolean}>;
	close: () => Promise<void>;
};

export type MailServerOptions = {
	users?: Record<string, string>;
	tls?: {cert: string; key: string};
	/** Answer RCPT TO for an address with an error (`451 …` or `550 …`), or nothing to accept it. */
	refuseRecipient?: (address: string) => {code: number; message: string} | undefined;
	/** After the whole message arrived, before the server answers: return an error to refuse it, or 'hang up'. */
	afterData?: (received: ReceivedEmail) => {code: number; message: string} | 'hang up' | undefined | Promise<{code: number; message: string} | 'hang up' | undefined>;
};

function smtpError(code: number, message: string): Error {
	return Object.assign(new Error(message), {responseCode: code});
}

/** A real SMTP server (nodemailer's smtp-server) on a free loopback port, keeping what it receives, parsed by mailparser. */
export async function startMailServer(options: MailServerOptions = {}): Promise<TestMailServer> {
	const received: ReceivedEmail[] = [];
	const logins: Array<{user: string; ok: boolean}> = [];
	const serverOptions: SMTPServerOptions = {
		logger: false,
		authOptional: !options.users,
		allowInsecureAuth: true,
		disabledCommands: options.tls ? [] : ['STARTTLS'],
		...(options.tls ? {key: options.tls.key, cert: options.tls.cert} : {}),
		onAuth(auth, _session, callback) {
			const ok = options.users?.[auth.username ?? ''] !== undefined && options.users[auth.username ?? ''] === auth.password;
			logins.push({user: auth.username ?? '', ok});
			if (!ok) return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
			callback(null, {user: auth.username});
		},
		onRcptTo(address, _session, callback) {
			const refused = options.refuseRecipient?.(address.address);
			callback(refused ? smtpError(refused.code, refused.message) : null);
		},
		onData(stream, session: SMTPServerSession, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				void (async () => {
					const raw = Buffer.concat(chunks);
					const email: ReceivedEmail = {
						mail: await simpleParser(raw), raw, envelopeTo: session.envelope.rcptTo.map(rcpt => rcpt.address),
						user: session.user as string | undefined, secure: session.secure,
					};
					received.push(email);
					const answer = await options.afterData?.(email);
					if (answer === 'hang up') {
						// As a server that crashed after taking the message: no reply at all.
						const connections = (server as unknown as {connections: Set<{session: SMTPServerSession; _socket: {destroy(): void}}>}).connections;
						for (const connection of connections) if (connection.session === session) connection._socket.destroy();
						return;
					}
					callback(answer ? smtpError(answer.code, answer.message) : null);
				})();
			});
		},
	};
	const server = new SMTPServer(serverOptions);
	server.on('error', () => {});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port, received, logins,
		close: () => new Promise(resolve => server.close(() => resolve())),
	};
}

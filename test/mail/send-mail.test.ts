import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {sendEmail, type OutgoingEmail} from '../../source/mail/send-mail.js';
import {parseSmtpUrl} from '../../source/mail/smtp-url.js';
import {forgetHiddenValues, redactSecrets} from '../../source/secrets/redact.js';
import {selfSignedCertificate} from '../support/certificate.js';
import {startMailServer, type TestMailServer} from '../support/mail-server.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';

const servers: TestMailServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
	forgetHiddenValues();
});

async function server(options: Parameters<typeof startMailServer>[0] = {}) {
	const started = await startMailServer(options);
	servers.push(started);
	return started;
}

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
	from: 'Ops Desk <ops@example.com>', to: ['zoe@example.at'], cc: [], subject: 'Grüße aus Wien – 東京 ✓',
	text: 'Liebe Zoë,\nwillkommen! Ihr Konto ist aktiv. 🎉\n', messageId: '<opsdesk.job-7.step-2.abc123@example.com>', attachments: [], ...overrides,
});

describe('sending email over SMTP', () => {
	it('logs in, and the message arrives with its To, UTF-8 subject and body decoded, and our Message-ID', async () => {
		const mail = await server({users: {mailer: 'pässwörd 1'}});
		const target = parseSmtpUrl(`smtp://mailer:${encodeURIComponent('pässwörd 1')}@127.0.0.1:${mail.port}`, 'the secret smtp');
		const result = await sendEmail(target, email({cc: ['team@example.com']}));
		expect(result).toMatchObject({outcome: 'sent', accepted: ['zoe@example.at', 'team@example.com'], rejected: []});
		expect(mail.logins).toEqual([{user: 'mailer', ok: true}]);
		const [received] = mail.received;
		expect(received!.user).toBe('mailer');
		expect(received!.envelopeTo).toEqual(['zoe@example.at', 'team@example.com']);
		expect(received!.mail.subject).toBe('Grüße aus Wien – 東京 ✓');
		expect(received!.mail.text).toBe('Liebe Zoë,\nwillkommen! Ihr Konto ist aktiv. 🎉\n');
		expect(received!.mail.to).toMatchObject({value: [{address: 'zoe@example.at'}]});
		expect(received!.mail.messageId).toBe('<opsdesk.job-7.step-2.abc123@example.com>');
		// The subject travelled encoded (RFC 2047), never as raw 8-bit header bytes.
		expect(received!.raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/m);
		expect(target.shown).toBe(`smtp://mailer@127.0.0.1:${mail.port}`);
	});

	it('upgrades with STARTTLS, checks the certificate against the CA it was given, then logs in', async () => {
		if (!hasCommands('openssl')) return;
		const certificate = selfSignedCertificate();
		const mail = await server({users: {mailer: 'secret-pass'}, tls: certificate});
		const url = `smtp://mailer:secret-pass@127.0.0.1:${mail.port}?starttls=required&ca=${encodeURIComponent(certificate.certFile)}`;
		expect(await sendEmail(parseSmtpUrl(url, 'OPSDESK_SMTP_URL'), email())).toMatchObject({outcome: 'sent'});
		expect(mail.received[0]).toMatchObject({secure: true, user: 'mailer'});
		// Without the CA the self-signed certificate is refused: nothing is sent, and retrying will not help.
		const untrusted = await sendEmail(parseSmtpUrl(`smtp://mailer:secret-pass@127.0.0.1:${mail.port}?starttls=required`, 'x'), email());
		expect(untrusted.outcome).toBe('failed');
		expect(untrusted.reply).toMatch(/self-signed|certificate/i);
		expect(mail.received).toHaveLength(1);
	});

	it('a refused login fails with the server\'s words and never shows the password', async () => {
		const mail = await server({users: {mailer: 'right-password'}});
		const result = await sendEmail(parseSmtpUrl(`smtp://mailer:wrong-password@127.0.0.1:${mail.port}`, 'x'), email());
		expect(result).toEqual({outcome: 'failed', reply: '535 5.7.8 Authentication credentials invalid'});
		expect(redactSecrets('wrong-password')).toBe('••••');
		expect(mail.received).toHaveLength(0);
	});

	it('tells a 4xx answer (try later) from a 5xx one (refused), each with the server\'s words', async () => {
		const mail = await server({refuseRecipient: address => (address.startsWith('busy') ? {code: 451, message: '4.7.1 Greylisted, try again in 1 minute'} : undefined),
			afterData: received => (received.mail.subject === 'spam' ? {code: 554, message: '5.7.1 Message rejected as spam'} : undefined)});
		const target = parseSmtpUrl(`smtp://127.0.0.1:${mail.port}`, 'x');
		expect(await sendEmail(target, email({to: ['busy@example.com']}))).toEqual({outcome: 'temporary', reply: '451 4.7.1 Greylisted, try again in 1 minute'});
		expect(await sendEmail(target, email({subject: 'spam'}))).toEqual({outcome: 'failed', reply: '554 5.7.1 Message rejected as spam'});
	});

	it('a connection that breaks after the message was handed over is unknown, one that never opened is not sent', async () => {
		const mail = await server({afterData: () => 'hang up'});
		const broken = await sendEmail(parseSmtpUrl(`smtp://127.0.0.1:${mail.port}`, 'x'), email());
		expect(broken.outcome).toBe('unknown');
		expect(mail.received).toHaveLength(1);
		await mail.close();
		servers.splice(0);
		expect((await sendEmail(parseSmtpUrl(`smtp://127.0.0.1:${mail.port}`, 'x'), email())).outcome).toBe('temporary');
	});

	it('attaches files as they are on disk', async () => {
		const mail = await server();
		const file = path.join(tempFolder(), 'report-2026-11-EUR.csv');
		fs.writeFileSync(file, 'month,revenue\n2026-11,1234.50\n');
		await sendEmail(parseSmtpUrl(`smtp://127.0.0.1:${mail.port}`, 'x'), email({attachments: [{filename: 'report-2026-11-EUR.csv', path: file}]}));
		const [attachment] = mail.received[0]!.mail.attachments;
		expect(attachment).toMatchObject({filename: 'report-2026-11-EUR.csv'});
		expect(attachment!.content.toString()).toBe('month,revenue\n2026-11,1234.50\n');
	});
});

describe('the SMTP server URL', () => {
	it('needs STARTTLS before a password goes to another host, shows no password, and explains what is wrong without repeating the URL', () => {
		expect(parseSmtpUrl('smtp://u:p%40ss@mail.example.com:587', 'x')).toMatchObject({host: 'mail.example.com', port: 587, requireTls: true, implicitTls: false, user: 'u', password: 'p@ss', shown: 'smtp://u@mail.example.com:587'});
		expect(parseSmtpUrl('smtps://u:pass@mail.example.com', 'x')).toMatchObject({port: 465, implicitTls: true, requireTls: false});
		expect(parseSmtpUrl('smtp://relay.internal:25?from=ops%40example.com', 'x')).toMatchObject({requireTls: false, from: 'ops@example.com'});
		expect(() => parseSmtpUrl('http://u:hunter22@mail.example.com', 'the secret smtp')).toThrow('the secret smtp: the scheme is http; expected smtp://');
		expect(() => parseSmtpUrl('smtp://u:hunter22@mail.example.com?tls=no', 'x')).toThrow('unknown option ?tls=');
		expect(() => parseSmtpUrl('not a url hunter22', 'x')).toThrow(/^x: not a URL/);
		try {
			parseSmtpUrl('smtp://u:hunter22@mail.example.com?tls=no', 'x');
		} catch (error) {
			expect((error as Error).message).not.toContain('hunter22');
		}
	});
});

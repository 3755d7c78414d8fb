import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {migrations} from '../../source/migrations.js';
import {forgetHiddenValues} from '../../source/secrets/redact.js';
import {openStore} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {opsdesk, type CliResult} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import {startMailServer, type MailServerOptions, type TestMailServer} from '../support/mail-server.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk as spawnOpsdesk} from '../robot/support/x-session.js';

const password = 'Geheim-pässwörd 42';
const servers: TestMailServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
	forgetHiddenValues();
});

async function mailServer(options: MailServerOptions = {}) {
	const server = await startMailServer({users: {mailer: password}, ...options});
	servers.push(server);
	return server;
}

function welcomeRobot(): string {
	const file = path.join(tempFolder(), 'welcome.yaml');
	fs.writeFileSync(file, [
		'name: welcome',
		'steps:',
		'  - email:',
		'      to: "{{customer.email}}"',
		'      subject: "Willkommen, {{customer.name}} – 東京 ✓"',
		'      body: "Hallo {{customer.name}},\\nschön, dass Sie da sind! 🎉\\n"',
	].join('\n'));
	return file;
}

/** A database with the mail server stored as the secret smtp and one customer; everything each command printed. */
async function setup(db: string, server: TestMailServer, env: NodeJS.ProcessEnv) {
	const said: CliResult[] = [];
	const run = async (args: string[], input?: string) => {
		const result = await opsdesk([...args, '--db', db], {env, ...(input === undefined ? {} : {input})});
		said.push(result);
		return result;
	};
	expect((await run(['secrets', 'set', 'smtp'], `smtp://mailer:${encodeURIComponent(password)}@127.0.0.1:${server.port}?from=${encodeURIComponent('Ops Desk <ops@example.com>')}\n`)).code).toBe(0);
	const id = Number((await run(['customers', 'add', '--name', 'Zoë Ærø', '--email', 'zoe@example.at'])).stdout.trim());
	return {run, said, id};
}

async function interactions(db: string, customerId: number) {
	const store = await openStore(databaseTarget(db), {migrations, changePollMs: 0});
	try {
		return await store.db.selectFrom('interactions').select(['kind', 'direction', 'subject', 'body', 'job_id']).where('customer_id', '=', customerId).execute();
	} finally {
		await store.close();
	}
}

describe.each(engines)('the email step on %s', engine => {
	it('sends through the secret smtp with AUTH; the mail arrives with its To, UTF-8 subject and body; the email is on the customer\'s timeline; the password is nowhere', async () => {
		const server = await mailServer();
		const db = await tempDatabaseTarget(engine);
		const env = {DISPLAY: '', XDG_DATA_HOME: tempFolder(), OPSDESK_SMTP_URL: undefined};
		const {run, said, id} = await setup(db, server, env);
		const queued = await run(['robot', 'enqueue', welcomeRobot(), '--customer', String(id)]);
		expect(queued.code).toBe(0);
		const worker = await run(['worker', '--once', '--name', 'mailer-test']);
		expect(worker.code).toBe(0);
		expect(worker.stderr).toContain('started without a display');
		expect(server.logins).toEqual([{user: 'mailer', ok: true}]);
		expect(server.received).toHaveLength(1);
		const [mail] = server.received;
		expect(mail!.user).toBe('mailer');
		expect(mail!.envelopeTo).toEqual(['zoe@example.at']);
		expect(mail!.mail.subject).toBe('Willkommen, Zoë Ærø – 東京 ✓');
		expect(mail!.mail.text).toBe('Hallo Zoë Ærø,\nschön, dass Sie da sind! 🎉\n');
		expect(mail!.mail.from?.text).toBe('"Ops Desk" <ops@example.com>');
		const messageId = mail!.mail.messageId!;
		expect(messageId).toMatch(/^<opsdesk\.job-1\.step-1\.[0-9a-f]{16}@example\.com>$/);
		const shown = JSON.parse((await run(['jobs', 'show', '1', '--json'])).stdout) as {status: string; logs: Array<{step: number | null; message: string}>; emails: unknown[]};
		expect(shown.status).toBe('succeeded');
		expect(shown.emails).toEqual([expect.objectContaining({step: 1, pass: '', message_id: messageId, recipients: ['zoe@example.at'], state: 'sent', attempt: 1, server_reply: expect.stringMatching(/^250 /)})]);
		expect((await run(['jobs', 'show', '1'])).stdout).toContain(`email of step 1: sent ${messageId} to zoe@example.at (250 `);
		expect(shown.logs.find(log => log.step === 1)?.message).toBe(`sent email ${messageId} to zoe@example.at through smtp://mailer@127.0.0.1:${server.port}: 250 OK: message queued`);
		expect(await interactions(db, id)).toEqual([{kind: 'email', direction: 'out', subject: 'Willkommen, Zoë Ærø – 東京 ✓', body: 'Hallo Zoë Ærø,\nschön, dass Sie da sind! 🎉\n', job_id: 1}]);
		for (const result of said) expect(result.stdout + result.stderr).not.toContain('Geheim');
		if (engine === 'sqlite') {
			for (const file of [db, `${db}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from('Geheim'))).toBe(false);
		}
	});
});

describe('the email step on SQLite', () => {
	it('a "try later" answer is tried again with backoff and sent once; a 5xx fails the step with the server\'s words and logs nothing on the customer', async () => {
		let greylisted = 0;
		const server = await mailServer({refuseRecipient: address => {
			if (address === 'later@example.at' && greylisted++ < 1) return {code: 451, message: '4.7.1 Greylisted, please try again'};
			return address === 'nobody@example.at' ? {code: 550, message: '5.1.1 No such user here'} : undefined;
		}});
		const db = path.join(tempFolder(), 'opsdesk.db');
		const env = {DISPLAY: '', OPSDESK_SMTP_BACKOFF_MS: '20', OPSDESK_SMTP_URL: undefined};
		const {run} = await setup(db, server, env);
		const later = Number((await run(['customers', 'add', '--name', 'Lea', '--email', 'later@example.at'])).stdout.trim());
		const nobody = Number((await run(['customers', 'add', '--name', 'Nobody', '--email', 'nobody@example.at'])).stdout.trim());
		const robot = welcomeRobot();
		await run(['robot', 'enqueue', robot, '--customer', String(later)]);
		await run(['robot', 'enqueue', robot, '--customer', String(nobody), '--max-attempts', '1']);
		await run(['worker', '--once']);
		expect(server.received.map(mail => mail.envelopeTo)).toEqual([['later@example.at']]);
		expect(greylisted).toBe(2);
		expect(await interactions(db, later)).toHaveLength(1);
		const failed = JSON.parse((await run(['jobs', 'show', '2', '--json'])).stdout) as {status: string; last_error: string};
		expect(failed.status).toBe('failed');
		expect(failed.last_error).toContain(`smtp://mailer@127.0.0.1:${server.port} refused the email: 550 5.1.1 No such user here`);
		expect(await interactions(db, nobody)).toEqual([]);
	});

	it('a worker killed (-9) after the server took the message and before the step was committed: the rerun does not send it again; jobs retry --resend does, with the same Message-ID', async () => {
		const running: {worker?: ReturnType<typeof spawnOpsdesk>} = {};
		const server = await mailServer({afterData: async () => {
			// The message is on the server; the worker dies before it hears 250 and commits the step.
			running.worker!.process.kill('SIGKILL');
			await running.worker!.done;
			return undefined;
		}});
		const db = path.join(tempFolder(), 'opsdesk.db');
		const env = {DISPLAY: '', OPSDESK_SMTP_URL: undefined};
		const {run, id} = await setup(db, server, env);
		await run(['robot', 'enqueue', welcomeRobot(), '--customer', String(id)]);
		running.worker = spawnOpsdesk(['worker', '--lease', '1', '--db', db], env);
		const killed = await running.worker.done;
		expect(killed.signal).toBe('SIGKILL');
		expect(server.received).toHaveLength(1);

		const rerun = await run(['worker', '--once']);
		expect(rerun.stderr).toMatch(/may already have been sent \(the server's answer was never recorded\); not sent again\. After checking the mailbox, opsdesk jobs retry 1 --resend sends it again/);
		expect(server.received).toHaveLength(1);
		// Not retried by itself: its attempts left would only get the same answer.
		const failed = JSON.parse((await run(['jobs', 'show', '1', '--json'])).stdout) as {status: string; attempts: number; logs: Array<{message: string}>};
		expect(failed).toMatchObject({status: 'failed', attempts: 2});
		expect(failed.logs.at(-1)!.message).toMatch(/^attempt 2 of 3 failed: .*; not retried: it needs an operator$/);
		expect(await interactions(db, id)).toEqual([]);

		const plain = await run(['jobs', 'retry', '1']);
		expect(plain.stderr).toContain('may already have been sent; it is not sent again (add --resend to send it again)');
		await run(['worker', '--once']);
		expect(server.received).toHaveLength(1);

		const resend = await run(['jobs', 'retry', '1', '--resend']);
		expect(resend.stderr).toMatch(/the email <opsdesk\.job-1\.step-1\.\w+@example\.com> of step 1 will be sent again, with the same Message-ID/);
		await run(['worker', '--once']);
		expect(server.received).toHaveLength(2);
		expect(server.received[1]!.mail.messageId).toBe(server.received[0]!.mail.messageId);
		expect(JSON.parse((await run(['jobs', 'show', '1', '--json'])).stdout)).toMatchObject({status: 'succeeded'});
		expect(await interactions(db, id)).toHaveLength(1);
	}, 30_000);

	it('robot run sends at once through OPSDESK_SMTP_URL and logs the email on the customer; a dry run sends nothing', async () => {
		const server = await mailServer({users: undefined});
		const db = path.join(tempFolder(), 'opsdesk.db');
		const env = {DISPLAY: '', OPSDESK_SMTP_URL: `smtp://127.0.0.1:${server.port}?from=welcome%40example.com`};
		const id = (await opsdesk(['customers', 'add', '--name', 'Ada', '--email', 'ada@example.com', '--db', db])).stdout.trim();
		const robot = welcomeRobot();
		const dry = await opsdesk(['robot', 'run', robot, '--customer', id, '--driver', 'dry-run', '--db', db], {env});
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('would send email "Willkommen, Ada – 東京 ✓" to ada@example.com (dry run: nothing sent)');
		expect(server.received).toEqual([]);
		const sent = await opsdesk(['robot', 'run', robot, '--customer', id, '--db', db], {env});
		expect(sent.code, sent.stderr).toBe(0);
		expect(sent.stdout).toMatch(/sent email <opsdesk\.run-welcome\.step-1\.\w+@example\.com> to ada@example\.com/);
		expect(server.received.map(mail => mail.mail.subject)).toEqual(['Willkommen, Ada – 東京 ✓']);
		expect((await interactions(db, Number(id))).map(entry => [entry.kind, entry.subject, entry.job_id])).toEqual([['email', 'Willkommen, Ada – 東京 ✓', null]]);
	});

	it('a server nobody answers at is tried three times with backoff, then the step fails saying it could not be reached', async () => {
		const closed = await mailServer({users: undefined});
		const port = closed.port;
		await closed.close();
		servers.splice(servers.indexOf(closed), 1);
		const db = path.join(tempFolder(), 'opsdesk.db');
		const env = {DISPLAY: '', OPSDESK_SMTP_URL: `smtp://127.0.0.1:${port}`, OPSDESK_SMTP_BACKOFF_MS: '10'};
		const id = (await opsdesk(['customers', 'add', '--name', 'Ada', '--email', 'ada@example.com', '--db', db])).stdout.trim();
		const run = await opsdesk(['robot', 'run', welcomeRobot(), '--customer', id, '--db', db], {env});
		expect(run.code).toBe(4);
		expect(run.stdout + run.stderr).toContain(`smtp://127.0.0.1:${port} could not be reached 3 times: connect ECONNREFUSED 127.0.0.1:${port}`);
		expect(await interactions(db, Number(id))).toEqual([]);
	});
});


import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {simpleParser} from 'mailparser';
import {afterEach, describe, expect, it} from 'vitest';
import {forgetHiddenValues} from '../../source/secrets/redact.js';
import {opsdesk} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {until} from '../robot/support/x-session.js';

// exim reads a config given with -C only for root (as the CI container runs); elsewhere this skips.
const canRun = hasCommands('exim4') && process.getuid?.() === 0;

const eximUser = 'Debian-exim';
const running: ChildProcess[] = [];

afterEach(() => {
	// The daemon and the children it forked for the connection and the delivery: its whole group.
	for (const child of running.splice(0)) {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// Gone already.
		}
	}
	forgetHiddenValues();
});

async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

/** Debian's exim as a real MTA on a loopback port: AUTH PLAIN required, every message appended to one mbox. */
async function startExim(user: string, password: string): Promise<{port: number; inbox: string}> {
	const folder = tempFolder('opsdesk-exim-');
	for (const name of ['spool', 'log', 'mail']) fs.mkdirSync(path.join(folder, name));
	const {uid, gid} = {uid: Number(spawnText('id', ['-u', eximUser])), gid: Number(spawnText('id', ['-g', eximUser]))};
	for (const name of ['', 'spool', 'log', 'mail']) fs.chownSync(path.join(folder, name), uid, gid);
	fs.chmodSync(folder, 0o755);
	const port = await freePort();
	const inbox = path.join(folder, 'mail', 'inbox');
	const config = path.join(folder, 'exim.conf');
	fs.writeFileSync(config, [
		'primary_hostname = opsdesk.test',
		`spool_directory = ${folder}/spool`,
		`log_file_path = ${folder}/log/%slog`,
		`exim_user = ${eximUser}`, `exim_group = ${eximUser}`,
		`daemon_smtp_ports = ${port}`, 'local_interfaces = 127.0.0.1',
		'acl_smtp_rcpt = acl_check_rcpt', 'auth_advertise_hosts = *', 'tls_advertise_hosts =', 'host_lookup =',
		'begin acl', 'acl_check_rcpt:', '  deny !authenticated = *', '  accept',
		'begin routers', 'everything:', '  driver = accept', '  transport = to_inbox',
		'begin transports', 'to_inbox:', '  driver = appendfile', `  file = ${inbox}`, `  user = ${eximUser}`, '  envelope_to_add',
		'begin authenticators', 'plain:', '  driver = plaintext', '  public_name = PLAIN', '  server_prompts = :',
		`  server_condition = \${if and {{eq{$auth2}{${user}}}{eq{$auth3}{${password}}}}}`, '  server_set_id = $auth2',
	].join('\n'));
	const daemon = spawn('exim4', ['-C', config, '-bdf'], {detached: true, stdio: ['ignore', 'pipe', 'pipe']});
	running.push(daemon);
	let said = '';
	daemon.stdout!.setEncoding('utf8').on('data', (text: string) => (said += text));
	daemon.stderr!.setEncoding('utf8').on('data', (text: string) => (said += text));
	await until(async () => daemon.exitCode !== null || await accepts(port), 10_000, 'exim to listen');
	if (daemon.exitCode !== null) throw new Error(`exim did not start: ${said}`);
	return {port, inbox};
}

function accepts(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

function spawnText(command: string, args: string[]): string {
	return execFileSync(command, args, {encoding: 'utf8'}).trim();
}

describe.runIf(canRun)('the email step through Debian\'s exim', () => {
	it('a welcome email for a new customer arrives in exim\'s mailbox, sent with AUTH, its UTF-8 subject and body intact, once', async () => {
		const password = 'exim-pa55-wörd';
		const {port, inbox} = await startExim('mailer', password);
		const folder = tempFolder();
		const db = path.join(folder, 'opsdesk.db');
		const robot = path.join(folder, 'welcome.yaml');
		fs.writeFileSync(robot, 'name: welcome\nsteps:\n  - email: { to: "{{customer.email}}", subject: "Grüße, {{customer.name}} – 東京", body: "Hallo {{customer.name}} 🎉" }\n');
		const env = {DISPLAY: '', OPSDESK_SMTP_URL: undefined};
		const run = (args: string[], input?: string) => opsdesk([...args, '--db', db], {env, ...(input === undefined ? {} : {input})});
		expect((await run(['secrets', 'set', 'smtp'], `smtp://mailer:${encodeURIComponent(password)}@127.0.0.1:${port}?from=ops%40example.com`)).code).toBe(0);
		expect((await run(['triggers', 'add', 'welcome-new', '--robot', robot, '--on', 'customer.created'])).code).toBe(0);
		expect((await run(['customers', 'add', '--name', 'Zoë Ærø', '--email', 'zoe@example.at'])).code).toBe(0);
		const worker = await run(['worker', '--once']);
		expect(worker.stderr).toMatch(/sent email <opsdesk\.job-1\.step-1\.\w+@example\.com> to zoe@example\.at through smtp:\/\/mailer@127\.0\.0\.1:\d+: 250 OK id=/);
		await until(() => fs.existsSync(inbox) && fs.readFileSync(inbox, 'utf8').includes('Envelope-to'), 10_000, 'exim to deliver');
		const mbox = fs.readFileSync(inbox, 'utf8');
		expect(mbox.match(/^From /gm)).toHaveLength(1);
		const mail = await simpleParser(mbox.replace(/^From .*\n/, ''));
		expect(mail.headers.get('envelope-to')).toBe('zoe@example.at');
		expect(mail.subject).toBe('Grüße, Zoë Ærø – 東京');
		expect(mail.text?.trim()).toBe('Hallo Zoë Ærø 🎉');
		expect(mbox).not.toContain(password);
		// Run again: the job is done, nothing more is sent.
		await run(['worker', '--once']);
		expect(fs.readFileSync(inbox, 'utf8').match(/^From /gm)).toHaveLength(1);
	});
});

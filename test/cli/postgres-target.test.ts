import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runCli} from '../../source/cli-run.js';
import type {Command} from '../../source/commands/command.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempPostgresUrl} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

const password = 's3cret-Pa55';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function withPassword(url: string, database?: string): string {
	const parsed = new URL(url);
	parsed.password = password;
	if (database) parsed.pathname = `/${database}`;
	return parsed.toString();
}

/** Everything opsdesk wrote for a person: both streams and any crash log. */
function everythingSaid(result: {stdout: string; stderr: string}, state: string): string {
	const logs = fs.existsSync(state) ? fs.readdirSync(state, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile())
		.map(entry => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8')) : [];
	return [result.stdout, result.stderr, ...logs].join('\n');
}

describe('a PostgreSQL URL with a password in it', () => {
	it('against a closed port: exit 5 saying the server cannot be reached, the password nowhere, no crash log', async () => {
		const state = tempFolder();
		const url = `postgres://ops:${password}@127.0.0.1:${await closedPort()}/crm`;
		for (const args of [['customers', 'list'], ['customers', 'add', '--name', 'Ada'], ['report'], ['--version']]) {
			const result = await opsdesk([...args, '--db', url], {env: {XDG_STATE_HOME: state}});
			expect(result.code, args.join(' ')).toBe(5);
			expect(result.stderr).toMatch(/postgres:\/\/ops:\*\*\*\*@127\.0\.0\.1:\d+\/crm: cannot reach the PostgreSQL server \(ECONNREFUSED\)/);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			expect(everythingSaid(result, state)).not.toContain(password);
		}
		expect(fs.existsSync(path.join(state, 'opsdesk'))).toBe(false);
	});

	it('that cannot be read as a URL: exit 1 naming what is expected, for commands and the desk, the password nowhere, no crash log', async () => {
		const state = tempFolder();
		const url = `postgres://ops:${password}@[db.example/crm`;
		for (const args of [['customers', 'list', '--db', url], ['--db', url]]) {
			const result = await opsdesk(args, {env: {XDG_STATE_HOME: state}});
			expect(result.code, args.join(' ')).toBe(1);
			expect(result.stderr).toContain('not a valid PostgreSQL URL; expected postgres://USER@HOST:PORT/DATABASE');
			expect(everythingSaid(result, state)).not.toContain(password);
		}
		const fromEnvironment = await opsdesk(['report'], {env: {XDG_STATE_HOME: state, OPSDESK_DB: url}});
		expect(fromEnvironment.code).toBe(1);
		expect(fs.existsSync(path.join(state, 'opsdesk'))).toBe(false);
	});

	it('in a crash log, the command line keeps the URL without its password', async () => {
		const state = tempFolder();
		const buggy: Command = {name: 'customers frobnicate', summary: 'fails', usage: 'customers frobnicate', flags: {}, run() {
			throw new Error(`failed on postgres://ops:${password}@db.example/crm?password=${password}`);
		}};
		let stderr = '';
		const saved = process.env.XDG_STATE_HOME;
		process.env.XDG_STATE_HOME = state;
		try {
			const code = await runCli(['customers', 'frobnicate', '--db', `postgres://ops:${password}@db.example/crm`], {
				stdout: () => {},
				stderr: text => {
					stderr += text;
				},
				stdin: Readable.from([]),
			}, {commands: [buggy]});
			expect(code).toBe(70);
		} finally {
			process.env.XDG_STATE_HOME = saved;
		}
		const log = /details in (.+)\)/.exec(stderr)![1]!;
		expect(fs.readFileSync(log, 'utf8')).toMatch(/^opsdesk customers frobnicate --db postgres:\/\/ops:\*\*\*\*@db\.example\/crm\n/);
		expect(everythingSaid({stdout: '', stderr}, state)).not.toContain(password);
	});
});

describe.runIf(engines.includes('postgres'))('a PostgreSQL server', () => {
	it('--version --db names PostgreSQL and its version; a missing database is exit 5 without the password', async () => {
		const url = await tempPostgresUrl();
		const version = await opsdesk(['--version', '--db', url]);
		expect(version.code).toBe(0);
		expect(version.stdout).toMatch(/^opsdesk \d+\.\d+\.\d+\ndatabase: PostgreSQL 1\d\.\d+ \(postgres:\/\/.+\)\n$/);
		const missing = await opsdesk(['customers', 'list', '--db', withPassword(url, 'no_such_database')]);
		expect(missing.code).toBe(5);
		expect(missing.stderr).toMatch(/:\*\*\*\*@.*no_such_database: the database does not exist on that server; create it \(createdb\) first/);
		expect(missing.stderr).not.toContain(password);
	});
});

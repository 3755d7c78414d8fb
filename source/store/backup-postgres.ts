import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {reserveAtomicFile} from './atomic-write.js';
import {DatabaseUnavailable} from './database-trouble.js';
import {UserError} from './errors.js';
import {redactedUrl} from './target.js';

/**
 * `opsdesk backup` on PostgreSQL runs PostgreSQL's own tool, pg_dump, as its administrators
 * expect: one consistent snapshot however busy the database, in the custom format that
 * pg_restore reads (compressed, restorable table by table). The dump goes to a private file
 * beside FILE and takes its name only after `pg_restore --list` read it whole. The password
 * travels in the environment (PGPASSWORD), never on a command line others can see in `ps`.
 * Without pg_dump, the command says how to get it and what to run.
 */

/** A program on PATH, or undefined. */
export function findProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
	for (const folder of (env.PATH ?? '').split(path.delimiter)) {
		if (!folder) continue;
		const candidate = path.join(folder, name);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			if (fs.statSync(candidate).isFile()) return candidate;
		} catch {
			// Not here.
		}
	}
	return undefined;
}

/** The URL for a command line and its password for the environment, apart. */
export function splitPassword(url: string): {url: string; password?: string} {
	const parsed = new URL(url);
	const password = parsed.password ? decodeURIComponent(parsed.password) : parsed.searchParams.get('password') ?? undefined;
	parsed.password = '';
	parsed.searchParams.delete('password');
	return {url: parsed.toString(), password};
}

/** What to run by hand: the URL without its password (it comes from PGPASSWORD or ~/.pgpass). */
export function pgDumpCommand(url: string, file: string): string {
	return `pg_dump --format=custom --file ${shellWord(file)} ${shellWord(splitPassword(url).url)}`;
}

function shellWord(text: string): string {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

type Ran = {code: number | null; signal: NodeJS.Signals | null; stderr: string};

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
	return new Promise((resolve, reject) => {
		const child = spawn(program, args, {env, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (text: string) => {
			if (stderr.length < 64_000) stderr += text;
		});
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stderr}));
	});
}

/** pg_dump's complaint, on one line, without anything that could be the password. */
function complaint(stderr: string, password: string | undefined): string {
	let text = stderr.trim().split('\n').filter(Boolean).slice(-3).join('; ').replace(/^pg_dump: (error: )?/, '');
	if (password) text = text.replaceAll(password, '****');
	return text || 'no message';
}

export type PostgresBackup = {bytes: number; command: string; restore: string};

export async function backupPostgres(url: string, target: string, options: {env?: NodeJS.ProcessEnv} = {}): Promise<PostgresBackup> {
	const env = options.env ?? process.env;
	const shown = redactedUrl(url);
	const pgDump = findProgram('pg_dump', env);
	const command = pgDumpCommand(url, target);
	if (!pgDump) {
		throw new UserError(`backup of ${shown} needs pg_dump, PostgreSQL's backup tool, which is not installed here (Debian, Ubuntu: apt-get install postgresql-client). Or run it where it is installed: ${command}`);
	}
	const destination = path.resolve(target);
	if (fs.existsSync(destination) && fs.statSync(destination).isDirectory()) throw new UserError(`${target}: is a folder; give the backup a file name, e.g. ${path.join(target, 'opsdesk.dump')}`);
	if (!fs.existsSync(path.dirname(destination))) throw new UserError(`${target}: folder ${path.dirname(destination)} does not exist`);
	const {url: bare, password} = splitPassword(url);
	const childEnv = {...env, ...(password === undefined ? {} : {PGPASSWORD: password})};
	const file = reserveAtomicFile(destination);
	try {
		const dumped = await run(pgDump, ['--format=custom', '--no-password', '--file', file.temporary, '--dbname', bare], childEnv);
		if (dumped.code !== 0) {
			const reason = complaint(dumped.stderr, password);
			if (/server version|version mismatch/i.test(reason)) throw new UserError(`pg_dump here is older than the server of ${shown} (${reason}); install the client of the server's version (apt-get install postgresql-client-NN) or run pg_dump on the server: ${command}`);
			throw new DatabaseUnavailable(`pg_dump could not back up ${shown}: ${reason}. No backup was written`, 'io');
		}
		const pgRestore = findProgram('pg_restore', env);
		if (pgRestore) {
			const listed = await run(pgRestore, ['--list', file.temporary], childEnv);
			if (listed.code !== 0) throw new DatabaseUnavailable(`the dump of ${shown} does not read back (pg_restore --list: ${complaint(listed.stderr, password)}); no backup was written`, 'io');
		}
		file.commit();
	} catch (error) {
		file.abort();
		throw error;
	}
	const restoreTo = new URL(bare);
	restoreTo.pathname = '/NEW_DATABASE';
	const restoreUrl = shellWord(restoreTo.toString());
	return {bytes: fs.statSync(destination).size, command, restore: `createdb NEW_DATABASE && pg_restore --no-owner --dbname ${restoreUrl} ${shellWord(target)}`};
}

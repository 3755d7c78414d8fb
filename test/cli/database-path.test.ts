import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {opsdesk as runCommandLine} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

function namesIn(file: string): string[] {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT name FROM customers ORDER BY id').pluck().all() as string[];
	} finally {
		db.close();
	}
}

describe('where the database lives', () => {
	it('creates the default under XDG_DATA_HOME: folder 0700, file 0600, WAL', async () => {
		const home = tempFolder();
		const env = {XDG_DATA_HOME: home, OPSDESK_DB: ''};
		expect((await runCommandLine(['customers', 'add', '--name', 'Ada'], {env})).code).toBe(0);
		const folder = path.join(home, 'opsdesk');
		const file = path.join(folder, 'opsdesk.db');
		expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(namesIn(file)).toEqual(['Ada']);
		const db = new Database(file, {readonly: true});
		expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
		db.close();
	});

	it('uses OPSDESK_DB, and --db over it', async () => {
		const folder = tempFolder();
		const fromEnv = path.join(folder, 'env.db');
		const fromFlag = path.join(folder, 'flag.db');
		const env = {XDG_DATA_HOME: path.join(folder, 'unused'), OPSDESK_DB: fromEnv};
		expect((await runCommandLine(['customers', 'add', '--name', 'From env'], {env})).code).toBe(0);
		expect((await runCommandLine(['customers', 'add', '--name', 'From flag', '--db', fromFlag], {env})).code).toBe(0);
		expect(namesIn(fromEnv)).toEqual(['From env']);
		expect(namesIn(fromFlag)).toEqual(['From flag']);
		expect(fs.existsSync(path.join(folder, 'unused'))).toBe(false);
	});

	it('leaves nothing at a path with no database for a command that only reads, or a dry run; a command that adds data creates it', async () => {
		const folder = tempFolder();
		const typo = path.join(folder, 'prdo', 'opsdesk.db');
		const fixture = path.resolve('fixtures/demo-customers.csv');
		expect(await runCommandLine(['customers', 'list', '--db', typo])).toMatchObject({code: 0, stdout: '', stderr: 'no customers match\n'});
		expect(await runCommandLine(['customers', 'show', '5', '--db', typo])).toMatchObject({code: 1, stderr: 'opsdesk customers show: no customer #5\n'});
		expect((await runCommandLine(['report', '--db', typo])).code).toBe(0);
		const dry = await runCommandLine(['import', 'customers', fixture, '--dry-run', '--db', typo]);
		expect(dry.code).toBe(0);
		expect(dry.stderr).toMatch(/dry run: would import 62 customers.*nothing was written/);
		expect(fs.readdirSync(folder)).toEqual([]);
		expect((await runCommandLine(['customers', 'add', '--name', 'Ada', '--db', typo])).code).toBe(0);
		expect(namesIn(typo)).toEqual(['Ada']);
	});

	it('keeps what any command that changes data wrote on a path with no database yet', async () => {
		const folder = tempFolder();
		const file = path.join(folder, 'new', 'opsdesk.db');
		const robot = path.join(folder, 'pause.yaml');
		fs.writeFileSync(robot, 'name: pause\nsteps:\n  - wait: 1ms\n');
		const queued = await runCommandLine(['robot', 'enqueue', robot, '--db', file]);
		expect(queued.code, queued.stderr).toBe(0);
		const listed = await runCommandLine(['jobs', 'list', '--json', '--db', file]);
		expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);
	});

	it('refuses a file that is not an opsdesk database with one line and exit 1', async () => {
		const file = path.join(tempFolder(), 'notes.txt');
		fs.writeFileSync(file, 'just some text, not SQLite\n'.repeat(100));
		const result = await runCommandLine(['customers', 'list', '--db', file]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^opsdesk customers list: .*notes\.txt: not a usable opsdesk database: .+\n$/);
		expect(fs.readFileSync(file, 'utf8')).toBe('just some text, not SQLite\n'.repeat(100));
	});
});

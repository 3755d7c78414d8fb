import fs from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {emptyPostgresUrl, engines, tempPostgresUrl} from '../support/engines.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {tableRows} from '../copy/support/table-rows.js';

const secret = 'n0t-in-any-output';

/** The URL with a password in it, as a team would write it (the test server trusts any). */
function withPassword(url: string): string {
	const parsed = new URL(url);
	parsed.password = secret;
	return parsed.toString();
}

/** A PostgreSQL database with the demo data, copied from SQLite. */
async function demoOnPostgres(): Promise<string> {
	const file = path.join(tempFolder(), 'demo.db');
	expect((await opsdesk(['seed', '--demo', '--db', file])).code).toBe(0);
	const url = await tempPostgresUrl();
	expect((await opsdesk(['copy-database', '--from', file, '--to', url])).code).toBe(0);
	return url;
}

describe.runIf(engines.includes('postgres'))('backup on PostgreSQL', () => {
	it.runIf(hasCommands('pg_dump', 'pg_restore'))('runs pg_dump into a private file that pg_restore brings back whole, and never shows the password', async () => {
		const url = await demoOnPostgres();
		const file = path.join(tempFolder(), 'opsdesk.dump');
		const result = await opsdesk(['backup', file, '--db', withPassword(url)]);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain(`backed up ${withPassword(url).replace(secret, '****')} to ${file} (pg_dump custom format`);
		expect(result.stderr).toContain(`ran: pg_dump --format=custom --file ${file} ${url}`);
		expect(result.stderr + result.stdout).not.toContain(secret);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		// Restored into a new database, it holds what was backed up.
		const restored = await emptyPostgresUrl();
		execFileSync('pg_restore', ['--no-owner', '--dbname', restored, file]);
		expect(await tableRows(restored)).toEqual(await tableRows(url));
	});

	it('says how to back up when pg_dump is not installed, writing nothing', async () => {
		const url = await tempPostgresUrl();
		const folder = tempFolder();
		const result = await opsdesk(['backup', path.join(folder, 'x.dump'), '--db', withPassword(url)], {env: {PATH: folder}});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('needs pg_dump, PostgreSQL\'s backup tool, which is not installed here (Debian, Ubuntu: apt-get install postgresql-client)');
		expect(result.stderr).toContain(`pg_dump --format=custom --file ${path.join(folder, 'x.dump')} ${url}`);
		expect(result.stderr).not.toContain(secret);
		expect(fs.readdirSync(folder)).toEqual([]);
	});

	it.runIf(hasCommands('pg_dump'))('fails with exit 5 and no file when the database cannot be dumped', async () => {
		const url = new URL(await tempPostgresUrl());
		url.pathname = '/no_such_database';
		const folder = tempFolder();
		const result = await opsdesk(['backup', path.join(folder, 'x.dump'), '--db', withPassword(url.toString())]);
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(/pg_dump could not back up .*no_such_database.*does not exist\. No backup was written/);
		expect(result.stderr).not.toContain(secret);
		expect(fs.readdirSync(folder)).toEqual([]);
	});
});

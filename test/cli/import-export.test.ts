import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk as runCommandLine} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

const nasty = path.resolve('test/fixtures/nasty-customers.csv');

function opsdesk() {
	const folder = tempFolder();
	const db = path.join(folder, 'opsdesk.db');
	return {folder, run: (...args: string[]) => runCommandLine([...args, '--db', db])};
}

const reportLines = [
	'nasty.csv:5: missing name',
	'nasty.csv:6: invalid email "not-an-email"',
	'nasty.csv:8: duplicate email "ADA@Example.com" (already used by line 2)',
	'nasty.csv:9: duplicate email "existing@example.com" (already used by customer #1)',
	'nasty.csv:10: unknown status "vip" (use lead, active, inactive)',
	'nasty.csv:11: wrong number of fields: 4, the header has 10',
	'nasty.csv:15: wrong number of fields: 12, the header has 10',
];

describe('opsdesk import customers', () => {
	it('imports the good rows, reports each bad one as FILE:LINE: reason, writes the rejects and exits 2', async () => {
		const {folder, run} = opsdesk();
		fs.copyFileSync(nasty, path.join(folder, 'nasty.csv'));
		await run('customers', 'add', '--name', 'Existing', '--email', 'EXISTING@Example.com');
		const result = await runCommandLine(['import', 'customers', 'nasty.csv', '--rejects', 'rejects.csv', '--db', 'opsdesk.db'], {cwd: folder});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines.slice(0, -1)).toEqual(reportLines);
		expect(lines.at(-1)).toMatch(/^imported 4 customers, rejected 7 rows \(written to rejects\.csv\) in \d+\.\d\d s/);
		const rejects = fs.readFileSync(path.join(folder, 'rejects.csv'), 'utf8').trimEnd().split('\n');
		expect(rejects[0]).toBe('Name,EMAIL,Company,phone,Address,city,country,Status,TAGS,notes,error');
		expect(rejects.slice(1).map(line => line.slice(0, 12))).toEqual([',nobody@exam', 'Bad Email,no', 'Dup In File,', 'Dup In Datab', 'Odd Status,o', 'Too Few Fiel', 'Too, Many, F']);
		expect(JSON.parse((await run('customers', 'list', '--json')).stdout)).toHaveLength(5);
	});

	it('reports the same on --dry-run and writes nothing', async () => {
		const {folder, run} = opsdesk();
		fs.copyFileSync(nasty, path.join(folder, 'nasty.csv'));
		await run('customers', 'add', '--name', 'Existing', '--email', 'EXISTING@Example.com');
		const result = await runCommandLine(['import', 'customers', 'nasty.csv', '--dry-run', '--db', 'opsdesk.db'], {cwd: folder});
		expect(result.code).toBe(2);
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines.slice(0, -1)).toEqual(reportLines);
		expect(lines.at(-1)).toMatch(/^dry run: would import 4 customers, rejected 7 rows in .*; nothing was written$/);
		expect(JSON.parse((await run('customers', 'list', '--json')).stdout).map((customer: {name: string}) => customer.name)).toEqual(['Existing']);
	});

	it('exits 0 for a clean file and 2 with one line for an unknown column, importing nothing', async () => {
		const {folder, run} = opsdesk();
		const good = path.join(folder, 'good.csv');
		fs.writeFileSync(good, 'NAME,Email\r\nAda,ada@example.com\r\n');
		expect(await run('import', 'customers', good)).toMatchObject({code: 0, stdout: ''});
		const bad = path.join(folder, 'bad.csv');
		fs.writeFileSync(bad, 'name,email,shoe size\nBob,bob@example.com,44\n');
		const refused = await run('import', 'customers', bad);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toBe(`opsdesk import customers: ${bad}:1: column 3: unknown column "shoe size"; known columns: id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version. Nothing was imported\n`);
		expect(JSON.parse((await run('customers', 'list', '--json')).stdout)).toHaveLength(1);
		expect(await run('import', 'customers', path.join(folder, 'missing.csv'))).toMatchObject({code: 1, stderr: expect.stringMatching(/missing\.csv: cannot read: no such file or folder\n$/)});
		expect((await run('import', 'customers')).code).toBe(1);
	});
});

describe('opsdesk export customers', () => {
	it('round-trips the demo data into an empty database: the same customers, ids included', async () => {
		const source = opsdesk();
		expect((await source.run('seed', '--demo')).code).toBe(0);
		const file = path.join(source.folder, 'customers.csv');
		expect(await source.run('export', 'customers', file)).toMatchObject({code: 0, stderr: `exported 62 customers to ${file}\n`});
		const target = opsdesk();
		expect((await target.run('import', 'customers', file)).code).toBe(0);
		const before = JSON.parse((await source.run('customers', 'list', '--limit', '1000', '--json')).stdout) as unknown[];
		const after = JSON.parse((await target.run('customers', 'list', '--limit', '1000', '--json')).stdout) as unknown[];
		expect(after).toHaveLength(62);
		expect(after).toEqual(before);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'csv-parse/sync';
import {opsdesk as run} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import type {Engine} from '../../source/store/target.js';

const nasty = path.resolve('test/fixtures/nasty-customers.csv');

async function desk(engine: Engine) {
	const folder = tempFolder();
	const db = engine === 'sqlite' ? path.join(folder, 'opsdesk.db') : await tempDatabaseTarget(engine);
	return {folder, db, run: (...args: string[]) => run([...args, '--db', db], {cwd: folder})};
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

async function customers(session: Awaited<ReturnType<typeof desk>>): Promise<Array<Record<string, unknown>>> {
	return JSON.parse((await session.run('customers', 'list', '--limit', '1000', '--json')).stdout) as Array<Record<string, unknown>>;
}

describe.each(engines)('opsdesk import customers on %s', engine => {
	it('imports the good rows, reports each bad one as FILE:LINE: reason, writes the rejects and exits 2', async () => {
		const session = await desk(engine);
		fs.copyFileSync(nasty, path.join(session.folder, 'nasty.csv'));
		await session.run('customers', 'add', '--name', 'Existing', '--email', 'EXISTING@Example.com');
		const result = await session.run('import', 'customers', 'nasty.csv', '--rejects', 'rejects.csv');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines.slice(0, -1)).toEqual(reportLines);
		expect(lines.at(-1)).toMatch(/^imported 4 customers, rejected 7 rows \(written to rejects\.csv\) in \d+\.\d\d s/);
		const rejects = fs.readFileSync(path.join(session.folder, 'rejects.csv'), 'utf8').trimEnd().split('\n');
		expect(rejects[0]).toBe('Name,EMAIL,Company,phone,Address,city,country,Status,TAGS,notes,error');
		expect(rejects.slice(1).map(line => line.slice(0, 12))).toEqual([',nobody@exam', 'Bad Email,no', 'Dup In File,', 'Dup In Datab', 'Odd Status,o', 'Too Few Fiel', 'Too, Many, F']);
		expect(fs.statSync(path.join(session.folder, 'rejects.csv')).mode & 0o777).toBe(0o600);
		expect(await customers(session)).toHaveLength(5);
	});

	it('reports the same on --dry-run and writes nothing', async () => {
		const session = await desk(engine);
		fs.copyFileSync(nasty, path.join(session.folder, 'nasty.csv'));
		await session.run('customers', 'add', '--name', 'Existing', '--email', 'EXISTING@Example.com');
		const result = await session.run('import', 'customers', 'nasty.csv', '--dry-run');
		expect(result.code).toBe(2);
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines.slice(0, -1)).toEqual(reportLines);
		expect(lines.at(-1)).toMatch(/^dry run: would import 4 customers, rejected 7 rows in .*; nothing was written$/);
		expect((await customers(session)).map(customer => customer.name)).toEqual(['Existing']);
	});

	it('exits 0 for a clean file and 2 with one line for an unknown column, importing nothing', async () => {
		const session = await desk(engine);
		const good = path.join(session.folder, 'good.csv');
		fs.writeFileSync(good, 'NAME,Email\r\nAda,ada@example.com\r\n');
		expect(await session.run('import', 'customers', good)).toMatchObject({code: 0, stdout: ''});
		const bad = path.join(session.folder, 'bad.csv');
		fs.writeFileSync(bad, 'name,email,shoe size\nBob,bob@example.com,44\n');
		const refused = await session.run('import', 'customers', bad);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toBe(`opsdesk import customers: ${bad}:1: column 3: unknown column "shoe size"; known columns: id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version. Nothing was imported\n`);
		expect(await customers(session)).toHaveLength(1);
		expect(await session.run('import', 'customers', path.join(session.folder, 'missing.csv'))).toMatchObject({code: 1, stderr: expect.stringMatching(/missing\.csv: cannot read: no such file or folder\n$/)});
		expect((await session.run('import', 'customers')).code).toBe(1);
	});

	it('shows control characters in a rejected value visibly instead of sending them to the terminal', async () => {
		const session = await desk(engine);
		fs.writeFileSync(path.join(session.folder, 'evil.csv'), 'name,email\nMallory,"evil\u001b]52;c;aGk=\u0007\u001b[2J@x"\n');
		const result = await session.run('import', 'customers', 'evil.csv');
		expect(result.code).toBe(2);
		expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
		expect(result.stderr).toContain('evil.csv:2: email: contains ESC (U+001B)');
	});
});

describe.each(engines)('the --rejects target is checked before anything is imported on %s', engine => {
	it('refuses a folder, a missing folder and the input file itself (exit 1), and writes no customer', async () => {
		const session = await desk(engine);
		fs.copyFileSync(nasty, path.join(session.folder, 'nasty.csv'));
		fs.mkdirSync(path.join(session.folder, 'out'));
		const folder = await session.run('import', 'customers', 'nasty.csv', '--rejects', 'out');
		expect(folder).toMatchObject({code: 1, stderr: 'opsdesk import customers: --rejects out: cannot write: is a folder, not a file. Nothing was imported\n'});
		const missing = await session.run('import', 'customers', 'nasty.csv', '--rejects', 'nowhere/rejects.csv');
		expect(missing).toMatchObject({code: 1, stderr: 'opsdesk import customers: --rejects nowhere/rejects.csv: cannot write: no such file or folder. Nothing was imported\n'});
		const itself = await session.run('import', 'customers', 'nasty.csv', '--rejects', './nasty.csv');
		expect(itself.code).toBe(1);
		expect(itself.stderr).toContain('that is the file being imported');
		const orders = await session.run('import', 'orders', 'nasty.csv', '--rejects', 'out');
		expect(orders).toMatchObject({code: 1, stderr: 'opsdesk import orders: --rejects out: cannot write: is a folder, not a file. Nothing was imported\n'});
		expect(await customers(session)).toEqual([]);
		expect(fs.readdirSync(session.folder).sort()).toEqual(engine === 'sqlite' ? ['nasty.csv', 'opsdesk.db', 'out'] : ['nasty.csv', 'out']);
	});
});

// Formula cells in every exported column that can hold text, and values that look guarded already.
const hostile = [
	['customers', 'add', '--name', '=HYPERLINK("http://evil.example","click")', '--company', "+cmd|' /C calc'!A0", '--email', 'formula@example.com',
		'--phone', '+49 30 1234567', '--address', '@SUM(1+1)\nsecond line', '--city', "'Tis a city", '--country', "'=already guarded", '--tags=-vip;b2b', '--notes', '\tTabbed'],
	['customers', 'add', '--name', "''twice quoted", '--company=-12', '--city', "'", '--notes=-starts with a dash\nand a second line'],
];

describe.each(engines)('exports safe for spreadsheets on %s', engine => {
	it('guards formula cells with a leading quote, and import gives back exactly the same customers', async () => {
		const source = await desk(engine);
		for (const args of hostile) expect((await source.run(...args)).code).toBe(0);
		const file = path.join(source.folder, 'customers.csv');
		expect((await source.run('export', 'customers', file)).code).toBe(0);
		const [header, first, second] = parse(fs.readFileSync(file, 'utf8')) as string[][];
		const cell = (row: string[] | undefined, column: string) => row![header!.indexOf(column)];
		expect(cell(first, 'name')).toBe('\'=HYPERLINK("http://evil.example","click")');
		expect(cell(first, 'company')).toBe("'+cmd|' /C calc'!A0");
		expect(cell(first, 'phone')).toBe("'+49 30 1234567");
		expect(cell(first, 'address')).toBe("'@SUM(1+1)\nsecond line");
		expect(cell(first, 'city')).toBe("'Tis a city");
		expect(cell(first, 'country')).toBe("''=already guarded");
		expect(cell(first, 'tags')).toBe("'-vip;b2b");
		expect(cell(second, 'name')).toBe("'''twice quoted");
		expect(cell(second, 'company')).toBe("'-12");
		expect(cell(second, 'city')).toBe("'");
		for (const row of [first, second]) for (const value of row!) expect(value).not.toMatch(/^[=+\-@\t\r]/);

		const target = await desk(engine);
		expect((await target.run('import', 'customers', file)).code).toBe(0);
		expect(await customers(target)).toEqual(await customers(source));
	});

	it('--raw writes and reads cells exactly as stored', async () => {
		const source = await desk(engine);
		for (const args of hostile) expect((await source.run(...args)).code).toBe(0);
		const file = path.join(source.folder, 'raw.csv');
		expect((await source.run('export', 'customers', file, '--raw')).code).toBe(0);
		const [header, first] = parse(fs.readFileSync(file, 'utf8')) as string[][];
		expect(first![header!.indexOf('name')]).toBe('=HYPERLINK("http://evil.example","click")');
		expect(first![header!.indexOf('country')]).toBe("'=already guarded");
		const target = await desk(engine);
		expect((await target.run('import', 'customers', file, '--raw')).code).toBe(0);
		expect(await customers(target)).toEqual(await customers(source));
	});

	it('round-trips the demo data into an empty database: the same customers, ids included', async () => {
		const source = await desk(engine);
		expect((await source.run('seed', '--demo')).code).toBe(0);
		const file = path.join(source.folder, 'customers.csv');
		expect(await source.run('export', 'customers', file)).toMatchObject({code: 0, stderr: `exported 62 customers to ${file}\n`});
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		const target = await desk(engine);
		expect((await target.run('import', 'customers', file)).code).toBe(0);
		const after = await customers(target);
		expect(after).toHaveLength(62);
		expect(after).toEqual(await customers(source));
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {importCustomersCsv, type RejectedRow} from '../../source/customers/customer-import.js';
import {createCustomer} from '../../source/customers/customers.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {UserError} from '../../source/store/errors.js';
import {sql} from 'kysely';
import type {Db} from '../../source/store/store.js';
import type {Engine} from '../../source/store/target.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';

const nasty = path.resolve('test/fixtures/nasty-customers.csv');

// What the nasty file must produce: one line per kind of bad row, at its line in the file
// (line 2-3 is one record with a CRLF inside quotes, 7 is blank, 12-14 hold an LF-only address).
const expectedRejects: Array<[number, string]> = [
	[5, 'missing name'],
	[6, 'invalid email "not-an-email"'],
	[8, 'duplicate email "ADA@Example.com" (already used by line 2)'],
	[9, 'duplicate email "existing@example.com" (already used by customer #1)'],
	[10, 'unknown status "vip" (use lead, active, inactive)'],
	[11, 'wrong number of fields: 4, the header has 10'],
	[15, 'wrong number of fields: 12, the header has 10'],
];

async function importFile(engine: Engine, file: string, options: {dryRun?: boolean; withExisting?: boolean} = {}) {
	const db = await tempStore(engine);
	const folder = tempFolder();
	if (options.withExisting !== false) await createCustomer(db, {name: 'Existing', email: 'EXISTING@Example.com'});
	const rejected: RejectedRow[] = [];
	const result = await importCustomersCsv(db, file, {dryRun: options.dryRun, onReject: row => rejected.push(row)});
	return {db, folder, result, rejected};
}

async function customerCount(db: Db): Promise<number> {
	return Number((await sql<{n: number}>`SELECT count(*) AS n FROM customers`.execute(db.db)).rows[0]!.n);
}

describe.each(engines)('importing a nasty CSV file on %s', engine => {
	it('reports each bad row with its line in the file and the reason', async () => {
		const {rejected, result} = await importFile(engine, nasty);
		expect(rejected.map(row => [row.line, row.reason])).toEqual(expectedRejects);
		expect(result).toMatchObject({imported: 4, rejected: 7});
	});

	it('imports the valid rows with BOM, CRLF, quotes, commas, newlines, CJK and emoji intact', async () => {
		const {db} = await importFile(engine, nasty);
		const byName = new Map((await listCustomers(db, {limit: 100})).customers.map(customer => [customer.name, customer]));
		expect([...byName.keys()].sort()).toEqual(['Ada Lovelace', 'Existing', 'Last Row No Newline', 'Zoë "Z" Ümlaut', '王小明'].sort());
		expect(byName.get('Ada Lovelace')).toMatchObject({
			company: 'Analytical Engines, Ltd',
			email: 'ada@example.com',
			address: "12 St James's Square\nLondon SW1Y 4JH",
			status: 'active',
			tags: ['vip', 'b2b'],
			notes: 'She said "hello", then left',
		});
		expect(byName.get('王小明')).toMatchObject({company: '上海明光贸易有限公司', city: '上海', notes: 'Emoji 🎉 in the notes', status: 'lead'});
		expect(byName.get('Zoë "Z" Ümlaut')).toMatchObject({
			company: 'Comma, Quote " Co',
			address: 'Line one\nLine two\nLine three',
			city: 'Zürich',
			status: 'inactive',
			tags: ['a', 'b'],
		});
		expect(byName.get('Last Row No Newline')).toMatchObject({email: 'last@example.com', status: 'lead', tags: []});
	});

	it('writes nothing on a dry run but reports the same rows', async () => {
		const {db, rejected, result} = await importFile(engine, nasty, {dryRun: true});
		expect(rejected.map(row => [row.line, row.reason])).toEqual(expectedRejects);
		expect(result).toMatchObject({imported: 4, rejected: 7});
		expect(await customerCount(db)).toBe(1);
	});

	it('writes the rejected rows, as they were, with an error column', async () => {
		const db = await tempStore(engine);
		const folder = tempFolder();
		await createCustomer(db, {name: 'Existing', email: 'EXISTING@Example.com'});
		const file = path.join(folder, 'rejects.csv');
		await importCustomersCsv(db, nasty, {rejectsFile: file});
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		expect(lines[0]).toBe('Name,EMAIL,Company,phone,Address,city,country,Status,TAGS,notes,error');
		expect(lines[1]).toBe(',nobody@example.com,No Name Inc,,,,,lead,,,missing name');
		expect(lines[4]).toBe('Dup In Database,existing@example.com,,,,,,lead,,,"duplicate email ""existing@example.com"" (already used by customer #1)"');
		expect(lines[6]).toBe('Too Few Fields,few@example.com,,lead,,,,,,,"wrong number of fields: 4, the header has 10"');
		expect(lines).toHaveLength(1 + 7);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});

	it('imports a fixed rejects file again (the error column is ignored)', async () => {
		const db = await tempStore(engine);
		const folder = tempFolder();
		const file = path.join(folder, 'fixed.csv');
		fs.writeFileSync(file, 'name,email,status,error\nFixed Row,fixed@example.com,active,"invalid email ""fixed@"""\n');
		expect(await importCustomersCsv(db, file)).toMatchObject({imported: 1, rejected: 0});
		expect((await listCustomers(db)).customers[0]).toMatchObject({name: 'Fixed Row', email: 'fixed@example.com', status: 'active'});
	});
});

describe.each(engines)('a CSV file that cannot be imported at all on %s', engine => {
	async function expectRefused(content: string | Buffer, message: RegExp) {
		const db = await tempStore(engine);
		const file = path.join(tempFolder(), 'bad.csv');
		fs.writeFileSync(file, content);
		let error: unknown;
		try {
			await importCustomersCsv(db, file, {label: 'bad.csv'});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).message).toMatch(message);
		expect((error as UserError).exitCode).toBe(2);
		expect(await customerCount(db)).toBe(0);
	}

	it('names an unknown header column and writes nothing', async () => {
		await expectRefused('name,email,shoe size\nAda,ada@example.com,38\n', /^bad\.csv:1: column 3: unknown column "shoe size"; known columns: id, name, .*Nothing was imported$/);
	});

	it('refuses a header without a name column, and a repeated column', async () => {
		await expectRefused('email,company\nada@example.com,X\n', /^bad\.csv:1: the header has no "name" column/);
		await expectRefused('name,Email,EMAIL\nAda,a@example.com,b@example.com\n', /^bad\.csv:1: column 3: column "email" appears twice/);
	});

	it('stops at malformed quoting with its line, leaving the database untouched', async () => {
		await expectRefused('name,email\nGood,good@example.com\nBad "quote",bad@example.com\n', /^bad\.csv:3: malformed CSV: a quote inside an unquoted field/);
		await expectRefused('name,notes\nGood,fine\nOpen,"never closed\nmore\n', /^bad\.csv:3: malformed CSV: a quoted field is never closed/);
	});

	it('refuses a file that is not UTF-8, naming the line', async () => {
		await expectRefused(Buffer.concat([Buffer.from('name,city\nAda,London\nJörg,'), Buffer.from([0x4d, 0xfc, 0x6e]), Buffer.from('chen\n')]), /^bad\.csv:3: the file is not UTF-8 text/);
	});

	it('refuses an empty file', async () => {
		await expectRefused('', /^bad\.csv: the file is empty/);
		await expectRefused('\ufeff\r\n\r\n', /^bad\.csv: the file is empty/);
	});
});

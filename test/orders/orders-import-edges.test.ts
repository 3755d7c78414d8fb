import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'csv-parse/sync';
import {opsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

function desk() {
	const folder = tempFolder();
	const db = path.join(folder, 'opsdesk.db');
	const run = (...args: string[]) => opsdesk([...args, '--db', db], {cwd: folder, env: {OPSDESK_CURRENCY: 'EUR'}});
	const write = (name: string, content: string | Buffer) => {
		fs.writeFileSync(path.join(folder, name), content);
		return name;
	};
	return {folder, db, run, write};
}

type OrderJson = {number: string; customer_id: number; status: string; amount: number; currency: string; placed_at: string; closed_at: string | null; note: string};

async function orders(session: ReturnType<typeof desk>): Promise<OrderJson[]> {
	const listed = await session.run('orders', 'list', '--json');
	expect(listed.code).toBe(0);
	return (JSON.parse(listed.stdout) as Array<OrderJson & {id: number; created_at: string; updated_at: string}>)
		.map(({id: _id, created_at: _created, updated_at: _updated, ...order}) => order)
		.sort((a, b) => a.number.localeCompare(b.number));
}

async function withAda(session: ReturnType<typeof desk>) {
	expect((await session.run('customers', 'add', '--name', 'Ada', '--email', 'ada@example.com')).code).toBe(0);
}

describe('import orders refuses what import customers refuses', () => {
	it('a file that is not UTF-8, naming the line, and imports nothing', async () => {
		const session = desk();
		await withAda(session);
		const file = session.write('latin1.csv', Buffer.concat([Buffer.from('customer_email,amount,note\nada@example.com,1.00,ok\nada@example.com,2.00,M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]));
		const result = await session.run('import', 'orders', file);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('opsdesk import orders: latin1.csv:3: the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and import again. Nothing was imported\n');
		expect(await orders(session)).toEqual([]);
	});

	it('a repeated column, an unknown column and an empty file, before writing anything', async () => {
		const session = desk();
		await withAda(session);
		const twice = await session.run('import', 'orders', session.write('twice.csv', 'customer_email,amount,Amount\nada@example.com,1.00,2.00\n'));
		expect(twice).toMatchObject({code: 2, stderr: 'opsdesk import orders: twice.csv:1: column 3: column "amount" appears twice (also column 2). Nothing was imported\n'});
		const unknown = await session.run('import', 'orders', session.write('unknown.csv', 'customer_email,amount,discount\nada@example.com,1.00,5\n'));
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('unknown.csv:1: column 3: unknown column "discount"');
		const empty = await session.run('import', 'orders', session.write('empty.csv', '\ufeff\r\n'));
		expect(empty).toMatchObject({code: 2, stderr: 'opsdesk import orders: empty.csv: the file is empty (no header row). Nothing was imported\n'});
		const missing = await session.run('import', 'orders', session.write('missing.csv', 'number,amount\nA-1,1.00\n'));
		expect(missing).toMatchObject({code: 2, stderr: 'opsdesk import orders: missing.csv:1: the header has no "customer_email" column. Nothing was imported\n'});
		expect(await orders(session)).toEqual([]);
	});

	it('a rejects file imports again once its rows are fixed (its error column is ignored)', async () => {
		const session = desk();
		await withAda(session);
		session.write('orders.csv', 'number,customer_email,amount,note\nA-1,ada@example.com,10.00,fine\nA-2,ada@exmaple.com,20.00,"typo, in the email"\nA-3,ada@example.com,"1,5",comma amount\n');
		const first = await session.run('import', 'orders', 'orders.csv', '--rejects', 'rejects.csv');
		expect(first.code).toBe(2);
		expect(first.stderr).toContain('orders.csv:3: customer_email: no customer with email ada@exmaple.com');
		expect(first.stderr).toContain('orders.csv:4: amount: "1,5" is not an amount');
		const rejects = fs.readFileSync(path.join(session.folder, 'rejects.csv'), 'utf8');
		expect(parse(rejects)).toEqual([
			['number', 'customer_email', 'amount', 'note', 'error'],
			['A-2', 'ada@exmaple.com', '20.00', 'typo, in the email', 'customer_email: no customer with email ada@exmaple.com'],
			['A-3', 'ada@example.com', '1,5', 'comma amount', 'amount: "1,5" is not an amount like 1234.50 (digits, at most two decimals, not negative)'],
		]);
		session.write('rejects.csv', rejects.replace('ada@exmaple.com,', 'ada@example.com,').replace('"1,5"', '1.50'));
		const again = await session.run('import', 'orders', 'rejects.csv');
		expect(again).toMatchObject({code: 0, stderr: 'imported 2 orders, rejected 0\n'});
		expect((await orders(session)).map(order => [order.number, order.amount])).toEqual([['A-1', 1000], ['A-2', 2000], ['A-3', 150]]);
	});
});

describe('export orders', () => {
	it('writes a private file whose formula cells are guarded, and import gives back the same orders', async () => {
		const source = desk();
		await withAda(source);
		const numbers = ['=1+1', '+49', '-A', '@ref', "'=kept", "'Tis", 'plain'];
		for (const [index, number] of numbers.entries()) {
			const added = await source.run('orders', 'add', '--customer', '1', '--amount', `${index + 1}.05`, `--number=${number}`, `--note=${number} note`);
			expect(added.code, added.stderr).toBe(0);
		}
		const file = path.join(source.folder, 'orders.csv');
		fs.writeFileSync(file, 'an older export', {mode: 0o644});
		expect(await source.run('export', 'orders', file)).toMatchObject({code: 0, stderr: `exported 7 orders to ${file}\n`});
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		const cells = (parse(fs.readFileSync(file, 'utf8')) as string[][]).slice(1).map(row => row[0]);
		expect(cells).toEqual(["'=1+1", "'+49", "'-A", "'@ref", "''=kept", "'Tis", 'plain']);

		const target = desk();
		await withAda(target);
		expect((await target.run('import', 'orders', file)).code).toBe(0);
		expect(await orders(target)).toEqual(await orders(source));
	});

	it('leaves out, and counts, orders whose customer import could not find again', async () => {
		const source = desk();
		await withAda(source);
		await source.run('customers', 'add', '--name', 'Gone', '--email', 'gone@example.com');
		await source.run('customers', 'add', '--name', 'No Email');
		for (const customer of ['1', '2', '3', '2']) expect((await source.run('orders', 'add', '--customer', customer, '--amount', '5')).code).toBe(0);
		expect((await source.run('customers', 'delete', '2')).code).toBe(0);
		const customersFile = path.join(source.folder, 'customers.csv');
		const ordersFile = path.join(source.folder, 'orders.csv');
		expect((await source.run('export', 'customers', customersFile)).code).toBe(0);
		const exported = await source.run('export', 'orders', ordersFile);
		expect(exported).toMatchObject({code: 0, stderr: `exported 1 orders to ${ordersFile}; left out 2 of deleted customers and 1 of customers without an email (import finds an order's customer by email among live customers)\n`});

		const target = desk();
		expect((await target.run('import', 'customers', customersFile)).code).toBe(0);
		expect(await target.run('import', 'orders', ordersFile)).toMatchObject({code: 0, stderr: 'imported 1 orders, rejected 0\n'});
		expect(await orders(target)).toEqual((await orders(source)).filter(order => order.customer_id === 1));
	});
});

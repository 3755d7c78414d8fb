import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'csv-parse/sync';
import {sql} from 'kysely';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';
import type {Engine} from '../../source/store/target.js';
import {createCustomer} from '../../source/customers/customers.js';
import {createOrder, listOrders} from '../../source/orders/orders.js';
import {importOrders} from '../../source/orders/order-import.js';
import {exportOrders} from '../../source/orders/order-export.js';
import {customerOrdersSummary} from '../../source/orders/order-summary.js';

// BOM, CRLF, columns in another order and case, a quoted note over two lines, and each kind of bad row.
const nasty = [
	'\uFEFFCUSTOMER_EMAIL,Amount,number,status,currency,placed_at,closed_at,note',
	'ada@example.com,1234.50,A-1,paid,eur,2026-01-31,2026-02-01,"first, with a comma"',
	'ADA@EXAMPLE.COM,0.29,A-2,won,USD,2026-01-31T23:30:00-02:00,,"two',
	'lines"',
	'nobody@example.com,10.00,A-3,paid,EUR,2026-01-01,,',
	'ada@example.com,"1,234.50",A-4,paid,EUR,2026-01-01,,',
	'ada@example.com,-5,A-5,paid,EUR,2026-01-01,,',
	'ada@example.com,1.234,A-6,paid,EUR,2026-01-01,,',
	'ada@example.com,10,A-7,paid,EUR,2026-02-30,,',
	'ada@example.com,10,A-8,shipped,EUR,2026-01-01,,',
	'ada@example.com,10,A-1,paid,EUR,2026-01-01,,',
	'ada@example.com,10,OLD-1,paid,EUR,2026-01-01,,',
	'ada@example.com,10,A-9,paid,EURO,2026-01-01,,',
	'ada@example.com,10,A-10',
	'ada@example.com,19.99,,open,,2026-03-01,,',
	'',
].join('\r\n');

async function setUp(engine: Engine) {
	const db = await tempStore(engine);
	const folder = tempFolder();
	const ada = await createCustomer(db, {name: 'Ada', email: 'ada@example.com'});
	await createOrder(db, {customer_id: ada.id, amount: 100, number: 'OLD-1', placed_at: '2025-12-01'});
	const file = path.join(folder, 'orders.csv');
	fs.writeFileSync(file, nasty);
	return {db, folder, file, ada};
}

describe.each(engines)('import orders on %s', engine => {
	it('imports the good rows exactly and names each bad row by line and reason', async () => {
		const {db, file, ada} = await setUp(engine);
		const result = await importOrders(db, file, {env: {OPSDESK_CURRENCY: 'CHF'}});
		expect(result.rejected.map(row => [row.line, row.reason])).toEqual([
			[5, 'customer_email: no customer with email nobody@example.com'],
			[6, 'amount: "1,234.50" is not an amount like 1234.50 (digits, at most two decimals, not negative)'],
			[7, 'amount: "-5" is not an amount like 1234.50 (digits, at most two decimals, not negative)'],
			[8, 'amount: "1.234" is not an amount like 1234.50 (digits, at most two decimals, not negative)'],
			[9, 'placed_at: "2026-02-30" is not a date (YYYY-MM-DD or ISO-8601 with a time zone)'],
			[10, 'status: "shipped" is not one of open, won, lost, paid, refunded'],
			[11, 'duplicate number A-1 (also on line 2)'],
			[12, 'duplicate number OLD-1 (already in the database)'],
			[13, 'currency: "EURO" is not an ISO 4217 code like EUR or USD'],
			[14, 'has 3 fields, the header has 8'],
		]);
		expect(result.imported).toBe(3);
		const orders = await listOrders(db, {customerId: ada.id});
		const byNumber = Object.fromEntries(orders.map(order => [order.number, order]));
		expect(byNumber['A-1']).toMatchObject({amount: 123450, currency: 'EUR', status: 'paid', placed_at: '2026-01-31', closed_at: '2026-02-01', note: 'first, with a comma'});
		// 23:30 at -02:00 is the next day in UTC; 0.29 is 29 cents exactly (0.29 * 100 is 28.999… as a float).
		expect(byNumber['A-2']).toMatchObject({amount: 29, currency: 'USD', placed_at: '2026-02-01', note: 'two\r\nlines'});
		const generated = orders.find(order => order.amount === 1999)!;
		expect(generated).toMatchObject({status: 'open', currency: 'CHF'});
		expect(generated.number).toMatch(/^SO-\d{6}$/);
		expect((await customerOrdersSummary(db, ada.id)).lifetimeRevenue).toEqual([{currency: 'EUR', revenue: 123450, orders: 1}, {currency: 'USD', revenue: 29, orders: 1}]);
	});

	it('writes the bad rows with an error column to --rejects', async () => {
		const {db, file, folder} = await setUp(engine);
		const rejects = path.join(folder, 'rejects.csv');
		await importOrders(db, file, {rejectsFile: rejects});
		const rows = parse(fs.readFileSync(rejects, 'utf8'), {relax_column_count: true}) as string[][];
		expect(rows[0]).toEqual(['CUSTOMER_EMAIL', 'Amount', 'number', 'status', 'currency', 'placed_at', 'closed_at', 'note', 'error']);
		expect(rows).toHaveLength(11);
		expect(rows[1]).toEqual(['nobody@example.com', '10.00', 'A-3', 'paid', 'EUR', '2026-01-01', '', '', 'customer_email: no customer with email nobody@example.com']);
	});

	it('--dry-run reports the same and writes nothing', async () => {
		const {db, file} = await setUp(engine);
		const result = await importOrders(db, file, {dryRun: true});
		expect(result.imported).toBe(3);
		expect(result.rejected).toHaveLength(10);
		expect(await listOrders(db)).toHaveLength(1);
		expect((await sql<{count: number}>`SELECT count(*) AS count FROM customer_revenue`.execute(db.db)).rows[0]).toEqual({count: 0});
	});

	it('refuses a file without the required columns before writing', async () => {
		const {db, folder} = await setUp(engine);
		const file = path.join(folder, 'bad.csv');
		fs.writeFileSync(file, 'number,email,amount\n1,ada@example.com,1\n');
		await expect(importOrders(db, file)).rejects.toThrow(`${file}:1: column 2: unknown column "email"`);
		expect(await listOrders(db)).toHaveLength(1);
	});

	it('export then import into an empty database gives the same orders', async () => {
		const {db, file, folder} = await setUp(engine);
		await importOrders(db, file);
		const exported = path.join(folder, 'export.csv');
		await exportOrders(db, exported);
		const fresh = await tempStore(engine);
		await createCustomer(fresh, {name: 'Ada', email: 'ada@example.com'});
		expect((await importOrders(fresh, exported)).rejected).toEqual([]);
		const shape = (orders: Awaited<ReturnType<typeof listOrders>>) => orders.map(({id: _id, created_at: _created, updated_at: _updated, ...order}) => order);
		expect(shape(await listOrders(fresh))).toEqual(shape(await listOrders(db)));
	});
});

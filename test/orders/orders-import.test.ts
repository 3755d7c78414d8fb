import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'csv-parse/sync';
import {tempDatabase} from '../support/temp-db.js';
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

function setUp() {
	const {db, folder} = tempDatabase();
	const ada = createCustomer(db, {name: 'Ada', email: 'ada@example.com'});
	createOrder(db, {customer_id: ada.id, amount: 100, number: 'OLD-1', placed_at: '2025-12-01'});
	const file = path.join(folder, 'orders.csv');
	fs.writeFileSync(file, nasty);
	return {db, folder, file, ada};
}

describe('import orders', () => {
	it('imports the good rows exactly and names each bad row by line and reason', () => {
		const {db, file, ada} = setUp();
		const result = importOrders(db, file, {env: {OPSDESK_CURRENCY: 'CHF'}});
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
		const orders = listOrders(db, {customerId: ada.id});
		const byNumber = Object.fromEntries(orders.map(order => [order.number, order]));
		expect(byNumber['A-1']).toMatchObject({amount: 123450, currency: 'EUR', status: 'paid', placed_at: '2026-01-31', closed_at: '2026-02-01', note: 'first, with a comma'});
		// 23:30 at -02:00 is the next day in UTC; 0.29 is 29 cents exactly (0.29 * 100 is 28.999… as a float).
		expect(byNumber['A-2']).toMatchObject({amount: 29, currency: 'USD', placed_at: '2026-02-01', note: 'two\r\nlines'});
		const generated = orders.find(order => order.amount === 1999)!;
		expect(generated).toMatchObject({status: 'open', currency: 'CHF'});
		expect(generated.number).toMatch(/^SO-\d{6}$/);
		expect(customerOrdersSummary(db, ada.id).lifetimeRevenue).toEqual([{currency: 'EUR', revenue: 123450, orders: 1}, {currency: 'USD', revenue: 29, orders: 1}]);
	});

	it('writes the bad rows with an error column to --rejects', () => {
		const {db, file, folder} = setUp();
		const rejects = path.join(folder, 'rejects.csv');
		importOrders(db, file, {rejectsFile: rejects});
		const rows = parse(fs.readFileSync(rejects, 'utf8'), {relax_column_count: true}) as string[][];
		expect(rows[0]).toEqual(['CUSTOMER_EMAIL', 'Amount', 'number', 'status', 'currency', 'placed_at', 'closed_at', 'note', 'error']);
		expect(rows).toHaveLength(11);
		expect(rows[1]).toEqual(['nobody@example.com', '10.00', 'A-3', 'paid', 'EUR', '2026-01-01', '', '', 'customer_email: no customer with email nobody@example.com']);
	});

	it('--dry-run reports the same and writes nothing', () => {
		const {db, file} = setUp();
		const result = importOrders(db, file, {dryRun: true});
		expect(result.imported).toBe(3);
		expect(result.rejected).toHaveLength(10);
		expect(listOrders(db)).toHaveLength(1);
		expect(db.prepare('SELECT count(*) AS count FROM customer_revenue').get()).toEqual({count: 0});
	});

	it('refuses a file without the required columns before writing', () => {
		const {db, folder} = setUp();
		const file = path.join(folder, 'bad.csv');
		fs.writeFileSync(file, 'number,email,amount\n1,ada@example.com,1\n');
		expect(() => importOrders(db, file)).toThrow(`${file}:1: column 2: unknown column "email"`);
		expect(listOrders(db)).toHaveLength(1);
	});

	it('export then import into an empty database gives the same orders', async () => {
		const {db, file, folder} = setUp();
		importOrders(db, file);
		const exported = path.join(folder, 'export.csv');
		await exportOrders(db, exported);
		const fresh = tempDatabase().db;
		createCustomer(fresh, {name: 'Ada', email: 'ada@example.com'});
		expect(importOrders(fresh, exported).rejected).toEqual([]);
		const shape = (orders: ReturnType<typeof listOrders>) => orders.map(({id: _id, created_at: _created, updated_at: _updated, ...order}) => order);
		expect(shape(listOrders(fresh))).toEqual(shape(listOrders(db)));
	});
});

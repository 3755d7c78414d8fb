import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk as runCommandLine} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import {reportOrdersCsv} from '../reports/report-fixture.js';

function opsdesk(database: string, ...args: string[]) {
	return runCommandLine([...args, '--db', database], {env: {OPSDESK_CURRENCY: 'EUR'}});
}

describe.each(engines)('orders and report through the CLI on %s', engine => {
	it('adds, edits and lists orders; bad values exit 2 with one line', async () => {
		const database = await tempDatabaseTarget(engine);
		const customer = await opsdesk(database, 'customers', 'add', '--name', 'Ada', '--email', 'ada@example.com');
		expect(customer.code).toBe(0);
		const id = customer.stdout.trim();

		const added = await opsdesk(database, 'orders', 'add', '--customer', id, '--amount', '1234.50', '--placed', '2026-01-31', '--json');
		expect(added.code).toBe(0);
		const order = JSON.parse(added.stdout) as {id: number; number: string; amount: number; currency: string; status: string};
		expect(order).toMatchObject({amount: 123450, currency: 'EUR', status: 'open', number: 'SO-000001'});

		const edited = await opsdesk(database, 'orders', 'edit', String(order.id), '--status', 'won', '--closed', '2026-02-02', '--json');
		expect(edited.code).toBe(0);
		expect(JSON.parse(edited.stdout)).toMatchObject({status: 'won', closed_at: '2026-02-02'});

		const listed = await opsdesk(database, 'orders', 'list', '--customer', id, '--status', 'won', '--json');
		expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);

		const bad = await opsdesk(database, 'orders', 'add', '--customer', id, '--amount', '12.345');
		expect(bad.code).toBe(2);
		expect(bad.stderr.trim().split('\n')).toEqual(['opsdesk orders add: amount: "12.345" is not an amount like 1234.50 (digits, at most two decimals, not negative)']);

		const missing = await opsdesk(database, 'orders', 'add', '--customer', '999', '--amount', '1');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no customer #999');
	});

	it('imports with bad rows (exit 2, FILE:LINE: reason), exports, and reports as JSON', async () => {
		const folder = tempFolder();
		const database = await tempDatabaseTarget(engine);
		for (const name of ['ada', 'bo', 'cy', 'di']) await opsdesk(database, 'customers', 'add', '--name', name, '--email', `${name}@example.com`);
		const file = path.join(folder, 'orders.csv');
		fs.writeFileSync(file, `${fs.readFileSync(reportOrdersCsv, 'utf8')}R-12,zed@example.com,paid,1,EUR,2026-01-01,\nR-1,ada@example.com,paid,1,EUR,2026-01-01,\n`);

		const imported = await opsdesk(database, 'import', 'orders', file, '--rejects', path.join(folder, 'rejects.csv'));
		expect(imported.code).toBe(2);
		expect(imported.stderr).toContain(`${file}:13: customer_email: no customer with email zed@example.com`);
		expect(imported.stderr).toContain(`${file}:14: duplicate number R-1 (also on line 2)`);
		expect(imported.stderr).toContain('imported 11 orders, rejected 2');

		const exported = path.join(folder, 'export.csv');
		expect((await opsdesk(database, 'export', 'orders', exported)).code).toBe(0);
		expect(fs.readFileSync(exported, 'utf8').split('\n')[0]).toBe('number,customer_email,status,amount,currency,placed_at,closed_at,note');

		const report = await opsdesk(database, 'report', '--from', '2026-01-01', '--to', '2026-04-30', '--currency', 'eur', '--json');
		expect(report.code).toBe(0);
		const json = JSON.parse(report.stdout) as Record<string, unknown>;
		expect(Object.keys(json)).toEqual(['range', 'currencies', 'revenue_by_month', 'top_customers', 'pipeline', 'new_customers_by_month', 'interactions_by_kind', 'robots']);
		expect((json.revenue_by_month as Array<{revenue: number}>).map(row => row.revenue)).toEqual([15050, 20000, 0, 50000]);

		const text = await opsdesk(database, 'report', '--from', '2026-01-01', '--to', '2026-04-30');
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('Revenue by month');
		expect(text.stdout).toMatch(/2026-03\s+EUR\s+0\.00/);

		const badRange = await opsdesk(database, 'report', '--from', '2026-05-01', '--to', '2026-04-30');
		expect(badRange.code).toBe(2);
		expect(badRange.stderr.trim()).toBe('opsdesk report: from: 2026-05-01 is after --to 2026-04-30');
	});

	it('seed --demo brings an order history; seed --orders N adds N generated orders', async () => {
		const database = await tempDatabaseTarget(engine);
		const demo = await opsdesk(database, 'seed', '--demo');
		expect(demo.code).toBe(0);
		expect(demo.stderr).toMatch(/\d+ orders/);
		const count = async () => (JSON.parse((await opsdesk(database, 'orders', 'list', '--limit', '100000', '--json')).stdout) as unknown[]).length;
		const before = await count();
		expect(before).toBeGreaterThan(300);
		// The demo is dated relative to today: this month and last month have figures.
		const report = JSON.parse((await opsdesk(database, 'report', '--json')).stdout) as {revenue_by_month: Array<{revenue: number}>};
		expect(report.revenue_by_month.filter(row => row.revenue > 0).length).toBeGreaterThan(6);

		const seeded = await opsdesk(database, 'seed', '--orders', '2000');
		expect(seeded.code).toBe(0);
		expect(seeded.stderr).toContain('added 2000 generated orders');
		expect(await count()).toBe(before + 2000);
		expect((await opsdesk(database, 'seed', '--orders', 'many')).code).toBe(1);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'csv-parse/sync';
import {stringify} from 'csv-stringify/sync';
import {importCustomersFile} from '../../source/customers/customer-import-file.js';
import {importCustomersCsv, type RejectedRow} from '../../source/customers/customer-import.js';
import {listCustomers, cursorOf} from '../../source/customers/customer-list.js';
import {createCustomer} from '../../source/customers/customers.js';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {sql, type RawBuilder} from 'kysely';
import type {Db} from '../../source/store/store.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';

const rows = async (db: Db, query: RawBuilder<unknown>) => (await query.execute(db.db)).rows;
const ids = async (db: Db, query: RawBuilder<{id: number}>) => (await query.execute(db.db)).rows.map(row => Number(row.id));
const count = async (db: Db) => Number((await sql<{n: number}>`SELECT count(*) AS n FROM customers`.execute(db.db)).rows[0]!.n);

const columns = ['name', 'email', 'company', 'status', 'notes'];

/** 3,000 generated people, with bad rows, formula cells, namesakes and a quoted CRLF among them; BOM and CRLF lines. */
function messyFile(folder: string): {file: string; good: number} {
	const rows: string[][] = [...syntheticCustomers(3_000, 5)].map(customer => [customer.name, customer.email, customer.company, customer.status, '']);
	rows[10] = ["'=SUM(A1:A9)", 'formula@example.com', "'+cmd", 'active', "'-note"];
	rows[20] = ['Dup Email', rows[5]![1]!.toUpperCase(), '', 'lead', ''];
	rows[30] = ['Odd Status', 'odd@example.com', '', 'shipped', ''];
	rows[40] = ['Anna Müller', 'a1@example.com', '', 'lead', 'two\r\nlines'];
	rows[41] = ['anna muller', 'a2@example.com', '', 'lead', ''];
	rows[42] = ['', 'nameless@example.com', '', 'lead', ''];
	const file = path.join(folder, 'messy.csv');
	fs.writeFileSync(file, `\ufeff${stringify([columns, ...rows], {record_delimiter: '\r\n'})}`);
	return {file, good: 3_000 - 3};
}

async function allPages(db: Db, search: string): Promise<number[]> {
	const found: number[] = [];
	let page = await listCustomers(db, {search, limit: 200});
	found.push(...page.customers.map(customer => customer.id));
	while (page.hasMore) {
		page = await listCustomers(db, {search, limit: 200, cursor: cursorOf(page.customers.at(-1)!)});
		found.push(...page.customers.map(customer => customer.id));
	}
	return found;
}

const place = async (engine: Parameters<typeof tempStore>[0]) => ({db: await tempStore(engine), folder: tempFolder()});

describe.each(engines)('import through the parse worker on %s', engine => {
	it('gives the same customers, reports and rejects file as reading in one thread, with name order and search ready', async () => {
		const threaded = await place(engine);
		const {file, good} = messyFile(threaded.folder);
		const rejected: RejectedRow[] = [];
		const rejectsFile = path.join(threaded.folder, 'rejects.csv');
		const result = await importCustomersFile(threaded.db, file, {workerFromBytes: 0, rejectsFile, onReject: row => rejected.push(row)});
		expect(result).toMatchObject({imported: good, rejected: 3, cancelled: false});
		expect(rejected.map(row => [row.line, row.reason])).toEqual([
			[22, `duplicate email "${(parse(fs.readFileSync(file)) as string[][])[21]![1]}" (already used by line 7)`],
			[32, 'unknown status "shipped" (use lead, active, inactive)'],
			[45, 'missing name'],
		]);
		expect((parse(fs.readFileSync(rejectsFile)) as string[][]).map(row => row.at(-1))).toEqual(['error', ...rejected.map(row => row.reason)]);

		// The search index was built in the worker's scratch file and taken over: whole, and the scratch file gone.
		if (engine === 'sqlite') threaded.db.sqlite!.exec("INSERT INTO customers_search (customers_search) VALUES ('integrity-check')");
		expect(fs.readdirSync(threaded.folder).filter(name => name.includes('partial'))).toEqual([]);
		const inline = await place(engine);
		await importCustomersCsv(inline.db, file);
		const everything = sql`SELECT id, name, company, email, status, notes, name_key FROM customers ORDER BY id`;
		expect(await rows(threaded.db, everything)).toEqual(await rows(inline.db, everything));
		expect((await rows(threaded.db, sql`SELECT name, company, notes FROM customers WHERE email = 'formula@example.com'`))[0]).toEqual({name: '=SUM(A1:A9)', company: '+cmd', notes: '-note'});

		// Ranks were numbered in the worker: they must follow SQLite's own name order exactly.
		const byRank = await ids(threaded.db, sql`SELECT id FROM customers ORDER BY name_rank`);
		expect(byRank).toEqual(await ids(threaded.db, sql`SELECT id FROM customers ORDER BY name_key, id`));
		for (const search of ['müller', 'an', 'kowalski gmbh', '王']) expect(await allPages(threaded.db, search), search).toEqual(await allPages(inline.db, search));
		expect((await allPages(threaded.db, 'muller')).length).toBeGreaterThan(10);
		// New customers still find their place among the imported ones.
		await createCustomer(threaded.db, {name: 'Anna Müllerova'});
		expect((await listCustomers(threaded.db, {search: 'anna müller', limit: 5})).customers.map(customer => customer.name)).toContain('Anna Müllerova');
	});

	it('into a table that already has customers, and on a dry run', async () => {
		const {db, folder} = await place(engine);
		await createCustomer(db, {name: 'Zed Existing', email: 'zed@example.com'});
		const {file, good} = messyFile(folder);
		const dry = await importCustomersFile(db, file, {workerFromBytes: 0, dryRun: true});
		expect(dry).toMatchObject({imported: good, rejected: 3});
		expect(await count(db)).toBe(1);
		expect(await importCustomersFile(db, file, {workerFromBytes: 0})).toMatchObject({imported: good, rejected: 3});
		expect(await ids(db, sql`SELECT id FROM customers ORDER BY name_rank`)).toEqual(await ids(db, sql`SELECT id FROM customers ORDER BY name_key, id`));
		expect((await allPages(db, 'zed')).length).toBe(1);
	});

	it('rolls back on Ctrl-C that comes while the indexes are built, where the database holds the thread', async () => {
		const {db, folder} = await place(engine);
		await createCustomer(db, {name: 'Zed Existing', email: 'zed@example.com'});
		const {file} = messyFile(folder);
		const controller = new AbortController();
		const phases: string[] = [];
		// A terminal for the progress line: on the index phase, Ctrl-C as the signal handler
		// gives it, a task for the event loop (which the work after it may not give a turn).
		const terminal = {columns: 100, write(text: string) {
			if (text.includes('building the indexes') && phases.push(text) === 1) setImmediate(() => controller.abort());
			return true;
		}} as unknown as NodeJS.WriteStream;
		const result = await importCustomersFile(db, file, {workerFromBytes: 0, progress: terminal, signal: controller.signal});
		expect(phases).toHaveLength(1);
		expect(result).toMatchObject({imported: 0, cancelled: true});
		expect(await count(db)).toBe(1);
		expect(db.sqlite?.inTransaction ?? false).toBe(false);
	});

	it('stops at a malformed line found by the worker, leaving the database untouched', async () => {
		const {db, folder} = await place(engine);
		const file = path.join(folder, 'broken.csv');
		fs.writeFileSync(file, 'name,email\nAda,ada@example.com\nBad "quote",bad@example.com\n');
		await expect(importCustomersFile(db, file, {workerFromBytes: 0, label: 'broken.csv'})).rejects.toThrow('broken.csv:3: malformed CSV: a quote inside an unquoted field');
		expect(await count(db)).toBe(0);
		expect(db.sqlite?.inTransaction ?? false).toBe(false);
	});
});

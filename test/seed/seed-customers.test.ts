import {sql, type RawBuilder} from 'kysely';
import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {engines, tempDatabaseTarget, tempStore} from '../support/engines.js';
import {openOpsdeskStore} from '../../source/open-opsdesk.js';
import {databaseTarget} from '../../source/store/target.js';
import type {Db} from '../../source/store/store.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {seedSyntheticCustomers, seedSyntheticCustomersInWorker} from '../../source/seed/synthetic-seed.js';

const rows = async <Row>(db: Db, query: RawBuilder<Row>) => (await query.execute(db.db)).rows;
const ids = async (db: Db, query: RawBuilder<{id: number}>) => (await rows(db, query)).map(row => Number(row.id));

describe.each(engines)('seed --customers N on %s', engine => {
	it('adds N customers in name order with search ready, and a second run adds N new people among them', async () => {
		const target = await tempDatabaseTarget(engine);
		const first = await opsdesk(['seed', '--customers', '3000', '--db', target]);
		expect(first.code, first.stderr).toBe(0);
		expect(first.stderr.trimEnd().split('\n').at(-1)).toMatch(/^added 3000 generated customers in \d+\.\d s$/);
		const second = await opsdesk(['seed', '--customers', '500', '--db', target]);
		expect(second.code, second.stderr).toBe(0);
		const db = await openOpsdeskStore(databaseTarget(target));
		try {
			const [counts] = await rows(db, sql<{n: number; emails: number; ranks: number}>`SELECT count(*) AS n, count(DISTINCT lower(email)) AS emails, count(DISTINCT name_rank) AS ranks FROM customers`);
			expect(counts).toEqual({n: 3500, emails: 3500, ranks: 3500});
			// Ranks follow name order as the engine sorts text (byte-wise), ties by id, so lists and searches page in name order.
			expect(await ids(db, sql`SELECT id FROM customers ORDER BY name_rank`)).toEqual(await ids(db, sql`SELECT id FROM customers ORDER BY name_key, id`));
			const kowalski = (await listCustomers(db, {search: 'kowalski', limit: 10_000})).customers;
			const [byLike] = await rows(db, sql<{n: number}>`SELECT count(*) AS n FROM customers WHERE name LIKE '%Kowalski%'`);
			expect(kowalski.length).toBe(Number(byLike!.n));
			expect((await listCustomers(db, {search: 'anna k', limit: 5})).customers.map(customer => customer.name.split(' ')[0])).toEqual(['Anna', 'Anna', 'Anna', 'Anna', 'Anna']);
		} finally {
			await db.close();
		}
	});

	it('refuses a count that is not a whole number, changing nothing', async () => {
		const target = await tempDatabaseTarget(engine);
		for (const count of ['-5', 'many', '1.5']) {
			const result = await opsdesk(['seed', `--customers=${count}`, '--db', target]);
			expect(result.code, count).toBe(1);
			expect(result.stderr).toContain('--customers must be a whole number');
		}
		const db = await openOpsdeskStore(databaseTarget(target));
		expect(await rows(db, sql`SELECT 1 FROM customers`)).toEqual([]);
		await db.close();
	});
});

describe.each(engines)('seeding with the rows made in a worker thread on %s', engine => {
	it('gives the same customers, ranks and search as seeding in one thread, empty or not', async () => {
		const threaded = await tempStore(engine);
		const inline = await tempStore(engine);
		const clock = () => '2026-01-01T00:00:00.000Z';
		expect(await seedSyntheticCustomersInWorker(threaded, 2500, {clock})).toEqual({written: 2500, skipped: 0});
		expect(await seedSyntheticCustomers(inline, 2500, {clock})).toEqual({written: 2500, skipped: 0});
		expect(await seedSyntheticCustomersInWorker(threaded, 300, {clock})).toEqual(await seedSyntheticCustomers(inline, 300, {clock}));
		if (engine === 'sqlite') threaded.sqlite!.exec("INSERT INTO customers_search (customers_search) VALUES ('integrity-check')");
		const everything = sql`SELECT id, name, company, email, phone, status, tags, created_at, name_key, name_rank, search_text FROM customers ORDER BY id`;
		expect(await rows(threaded, everything)).toEqual(await rows(inline, everything));
		for (const search of ['anna m', 'kowalski', 'w']) {
			expect((await listCustomers(threaded, {search, limit: 100})).customers).toEqual((await listCustomers(inline, {search, limit: 100})).customers);
		}
	});
});

import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {tempDatabase} from '../support/temp-db.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {seedSyntheticCustomers, seedSyntheticCustomersInWorker} from '../../source/seed/synthetic-seed.js';

describe('seed --customers N', () => {
	it('adds N customers in name order with search ready, and a second run adds N new people among them', async () => {
		const {file} = tempDatabase();
		const first = await opsdesk(['seed', '--customers', '3000', '--db', file]);
		expect(first.code).toBe(0);
		expect(first.stderr.trimEnd().split('\n').at(-1)).toMatch(/^added 3000 generated customers in \d+\.\d s$/);
		const second = await opsdesk(['seed', '--customers', '500', '--db', file]);
		expect(second.code).toBe(0);
		const db = openOpsdesk(file);
		try {
			expect(db.prepare('SELECT count(*), count(DISTINCT lower(email)), count(DISTINCT name_rank) FROM customers').raw().get()).toEqual([3500, 3500, 3500]);
			// Ranks follow SQLite's own name order (ties by id), so lists and searches page in name order.
			expect(db.prepare('SELECT id FROM customers ORDER BY name_rank').pluck().all()).toEqual(db.prepare('SELECT id FROM customers ORDER BY name_key, id').pluck().all());
			const kowalski = listCustomers(db, {search: 'kowalski', limit: 10_000}).customers;
			expect(kowalski.length).toBe(db.prepare("SELECT count(*) FROM customers WHERE name LIKE '%Kowalski%'").pluck().get());
			expect(listCustomers(db, {search: 'anna k', limit: 5}).customers.map(customer => customer.name.split(' ')[0])).toEqual(['Anna', 'Anna', 'Anna', 'Anna', 'Anna']);
		} finally {
			db.close();
		}
	});

	it('refuses a count that is not a whole number, changing nothing', async () => {
		const {file, db} = tempDatabase();
		for (const count of ['-5', 'many', '1.5']) {
			const result = await opsdesk(['seed', `--customers=${count}`, '--db', file]);
			expect(result.code, count).toBe(1);
			expect(result.stderr).toContain('--customers must be a whole number');
		}
		expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
	});
});

describe('seeding with the rows made in a worker thread', () => {
	it('gives the same customers, ranks and search as seeding in one thread, empty or not', async () => {
		const threaded = tempDatabase();
		const inline = tempDatabase();
		const clock = () => '2026-01-01T00:00:00.000Z';
		expect(await seedSyntheticCustomersInWorker(threaded.db, 2500, {clock})).toEqual({written: 2500, skipped: 0});
		expect(seedSyntheticCustomers(inline.db, 2500, {clock})).toEqual({written: 2500, skipped: 0});
		expect(await seedSyntheticCustomersInWorker(threaded.db, 300, {clock})).toEqual(seedSyntheticCustomers(inline.db, 300, {clock}));
		threaded.db.exec("INSERT INTO customers_search (customers_search) VALUES ('integrity-check')");
		const everything = 'SELECT id, name, company, email, phone, status, tags, created_at, name_key, name_rank, search_text FROM customers ORDER BY id';
		expect(threaded.db.prepare(everything).all()).toEqual(inline.db.prepare(everything).all());
		for (const search of ['anna m', 'kowalski', 'w']) {
			expect(listCustomers(threaded.db, {search, limit: 100}).customers).toEqual(listCustomers(inline.db, {search, limit: 100}).customers);
		}
	});
});

import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {tempDatabase} from '../support/temp-db.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {listCustomers} from '../../source/customers/customer-list.js';

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

import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Database} from 'better-sqlite3';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {cursorOf, listCustomers, type CustomerListQuery} from '../../source/customers/customer-list.js';
import {openDatabase} from '../../source/store/open.js';
import {migrations} from '../../source/migrations.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {tempDatabase, tempFolder} from '../support/temp-db.js';

const everyName = (db: Database, query: CustomerListQuery): string[] => {
	const found: string[] = [];
	let page = listCustomers(db, {...query, limit: 3});
	found.push(...page.customers.map(customer => customer.name));
	while (page.hasMore) {
		page = listCustomers(db, {...query, limit: 3, cursor: cursorOf(page.customers.at(-1)!)});
		found.push(...page.customers.map(customer => customer.name));
	}
	return found;
};

function people(db: Database): void {
	for (const [name, company, email] of [
		['Anna Meyer', 'Atlas Inc', 'anna.meyer@atlas.example'],
		['Anna Bernard', 'Mistral SA', 'ab@mistral.example'],
		['Anna Bernhardt', 'Orion AB', 'anna.b@orion.example'],
		['Joanna Martin', 'Vega', 'jm@vega.example'],
		['Hanna Müller', 'Kappa', 'hm@kappa.example'],
		['Marie Anna', '', ''],
		['Zoë Anna-Maria', 'Delta', ''],
		['Bob Manning', 'Annapolis Mills', 'bob@annapolis.example'],
		['王小明', '上海明光贸易', 'wang@sh.example'],
		['小王', '', ''],
	] as const) createCustomer(db, {name, company, email});
}

describe('searches mixing long and short terms', () => {
	it('find every customer with both, in name order, across pages', () => {
		const {db} = tempDatabase();
		people(db);
		// "anna" anywhere (Joanna, Hanna, Annapolis too) and a word starting with "m".
		expect(everyName(db, {search: 'anna m'})).toEqual(['Anna Bernard', 'Anna Meyer', 'Bob Manning', 'Hanna Müller', 'Joanna Martin', 'Marie Anna', 'Zoë Anna-Maria']);
		expect(everyName(db, {search: 'm anna'})).toEqual(everyName(db, {search: 'anna m'}));
		expect(everyName(db, {search: 'anna mü'})).toEqual(['Hanna Müller']);
		expect(everyName(db, {search: 'anna mu'})).toEqual(['Hanna Müller']);
		expect(everyName(db, {search: 'joanna mü'})).toEqual([]);
		expect(everyName(db, {search: 'ANNA MA'})).toEqual(['Bob Manning', 'Joanna Martin', 'Marie Anna', 'Zoë Anna-Maria']);
		expect(everyName(db, {search: 'bern a'})).toEqual(['Anna Bernard', 'Anna Bernhardt']);
		expect(everyName(db, {search: 'anna q'})).toEqual([]);
		expect(everyName(db, {search: '王 明光'})).toEqual(['王小明']);
		expect(everyName(db, {search: '小王'})).toEqual(['小王']);
	});

	it('follow deletes and the status filter, and never match the index marks', () => {
		const {db} = tempDatabase();
		people(db);
		const meyer = listCustomers(db, {search: 'anna meyer'}).customers[0]!;
		deleteCustomer(db, meyer.id);
		expect(everyName(db, {search: 'anna m'})).not.toContain('Anna Meyer');
		expect(everyName(db, {search: 'anna m', status: 'deleted'})).toEqual(['Anna Meyer']);
		expect(everyName(db, {search: 'anna m', status: 'active'})).toEqual([]);
		expect(everyName(db, {search: '\u0001\u0001m'})).toEqual(everyName(db, {search: 'm'}));
		expect(everyName(db, {search: 'a\u0001m'})).toEqual(everyName(db, {search: 'a m'}));
	});

	it('work on a database made before the one search index (migration 4)', () => {
		const file = path.join(tempFolder(), 'old.db');
		const old = openDatabase(file, {migrations: migrations.filter(migration => migration.version < 4)});
		// A customer as the old code stored it: two lines of search text, two full-text indexes.
		old.prepare(`INSERT INTO customers (id, name, company, email, created_at, updated_at, name_key, name_rank, search_text)
			VALUES (1, 'Anna Meyer', 'Atlas Inc', 'am@atlas.example', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'anna meyer', 16777216, ?)`)
			.run('anna meyer\tatlas inc\tam@atlas.example\t\n anna meyer atlas inc am atlas example');
		old.exec(`INSERT INTO customers_trigram (rowid, search_text) VALUES (16777216, 'anna meyer	atlas inc	am@atlas.example	');
			INSERT INTO customers_words (rowid, search_words) VALUES (16777216, 'anna meyer atlas inc am atlas example')`);
		old.close();
		const db = openOpsdesk(file);
		try {
			expect(db.pragma('user_version', {simple: true})).toBe(migrations.at(-1)!.version);
			expect(everyName(db, {search: 'anna m'})).toEqual(['Anna Meyer']);
			expect(everyName(db, {search: 'tlas'})).toEqual(['Anna Meyer']);
			expect(everyName(db, {search: 'a'})).toEqual(['Anna Meyer']);
			createCustomer(db, {name: 'Anna Maier'});
			expect(everyName(db, {search: 'anna ma'})).toEqual(['Anna Maier']);
		} finally {
			db.close();
		}
	});
});

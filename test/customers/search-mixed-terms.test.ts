import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Db} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {cursorOf, listCustomers, type CustomerListQuery} from '../../source/customers/customer-list.js';
import {openDatabase} from '../../source/store/open.js';
import {migrations} from '../../source/migrations.js';
import {openOpsdeskStore} from '../../source/open-opsdesk.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';

const everyName = async (db: Db, query: CustomerListQuery): Promise<string[]> => {
	const found: string[] = [];
	let page = await listCustomers(db, {...query, limit: 3});
	found.push(...page.customers.map(customer => customer.name));
	while (page.hasMore) {
		page = await listCustomers(db, {...query, limit: 3, cursor: cursorOf(page.customers.at(-1)!)});
		found.push(...page.customers.map(customer => customer.name));
	}
	return found;
};

async function people(db: Db): Promise<void> {
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
	] as const) await createCustomer(db, {name, company, email});
}

describe.each(engines)('searches mixing long and short terms on %s', engine => {
	it('find every customer with both, in name order, across pages', async () => {
		const db = await tempStore(engine);
		await people(db);
		// "anna" anywhere (Joanna, Hanna, Annapolis too) and a word starting with "m".
		expect(await everyName(db, {search: 'anna m'})).toEqual(['Anna Bernard', 'Anna Meyer', 'Bob Manning', 'Hanna Müller', 'Joanna Martin', 'Marie Anna', 'Zoë Anna-Maria']);
		expect(await everyName(db, {search: 'm anna'})).toEqual(await everyName(db, {search: 'anna m'}));
		expect(await everyName(db, {search: 'anna mü'})).toEqual(['Hanna Müller']);
		expect(await everyName(db, {search: 'anna mu'})).toEqual(['Hanna Müller']);
		expect(await everyName(db, {search: 'joanna mü'})).toEqual([]);
		expect(await everyName(db, {search: 'ANNA MA'})).toEqual(['Bob Manning', 'Joanna Martin', 'Marie Anna', 'Zoë Anna-Maria']);
		expect(await everyName(db, {search: 'bern a'})).toEqual(['Anna Bernard', 'Anna Bernhardt']);
		expect(await everyName(db, {search: 'anna q'})).toEqual([]);
		expect(await everyName(db, {search: '王 明光'})).toEqual(['王小明']);
		expect(await everyName(db, {search: '小王'})).toEqual(['小王']);
	});

	it('follow deletes and the status filter, and never match the index marks', async () => {
		const db = await tempStore(engine);
		await people(db);
		const meyer = (await listCustomers(db, {search: 'anna meyer'})).customers[0]!;
		await deleteCustomer(db, meyer.id);
		expect(await everyName(db, {search: 'anna m'})).not.toContain('Anna Meyer');
		expect(await everyName(db, {search: 'anna m', status: 'deleted'})).toEqual(['Anna Meyer']);
		expect(await everyName(db, {search: 'anna m', status: 'active'})).toEqual([]);
		expect(await everyName(db, {search: '\u0001\u0001m'})).toEqual(await everyName(db, {search: 'm'}));
		expect(await everyName(db, {search: 'a\u0001m'})).toEqual(await everyName(db, {search: 'a m'}));
	});

	it.runIf(engine === 'sqlite')('work on a database made before the one search index (migration 4)', async () => {
		const file = path.join(tempFolder(), 'old.db');
		const old = openDatabase(file, {migrations: migrations.filter(migration => migration.version < 4)});
		// A customer as the old code stored it: two lines of search text, two full-text indexes.
		old.prepare(`INSERT INTO customers (id, name, company, email, created_at, updated_at, name_key, name_rank, search_text)
			VALUES (1, 'Anna Meyer', 'Atlas Inc', 'am@atlas.example', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'anna meyer', 16777216, ?)`)
			.run('anna meyer\tatlas inc\tam@atlas.example\t\n anna meyer atlas inc am atlas example');
		old.exec(`INSERT INTO customers_trigram (rowid, search_text) VALUES (16777216, 'anna meyer	atlas inc	am@atlas.example	');
			INSERT INTO customers_words (rowid, search_words) VALUES (16777216, 'anna meyer atlas inc am atlas example')`);
		old.close();
		const db = await openOpsdeskStore(databaseTarget(file));
		try {
			expect(db.sqlite!.pragma('user_version', {simple: true})).toBe(migrations.at(-1)!.version);
			expect(await everyName(db, {search: 'anna m'})).toEqual(['Anna Meyer']);
			expect(await everyName(db, {search: 'tlas'})).toEqual(['Anna Meyer']);
			expect(await everyName(db, {search: 'a'})).toEqual(['Anna Meyer']);
			await createCustomer(db, {name: 'Anna Maier'});
			expect(await everyName(db, {search: 'anna ma'})).toEqual(['Anna Maier']);
		} finally {
			await db.close();
		}
	});
});

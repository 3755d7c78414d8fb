import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

type Listed = {id: number; name: string};

/*
 * A term whose matches all sit late in name order and are many: 5,000 customers named Zed
 * after 1,200 named Aaron. On PostgreSQL the first rows hold no match and the key index has
 * more candidates than it re-checks one by one (customer-list-postgres.ts, path 3); walking
 * the whole list took seconds at a million customers. Both engines must give the same pages.
 */
describe.each(engines)('a search whose matches come late in name order, on %s', engine => {
	it('finds the first page, the next one and the last one', async () => {
		const csv = path.join(tempFolder(), 'late.csv');
		const rows = [
			...Array.from({length: 1200}, (_, index) => `Aaron ${String(index).padStart(4, '0')},aaron${index}@example.com`),
			...Array.from({length: 5000}, (_, index) => `Zed ${String(index).padStart(4, '0')},zed${index}@example.com`),
		];
		fs.writeFileSync(csv, `name,email\n${rows.join('\n')}\n`);
		const db = await tempDatabaseTarget(engine);
		expect((await opsdesk(['import', 'customers', csv, '--no-dup-check', '--db', db])).code).toBe(0);
		const list = async (term: string, limit: number) =>
			(JSON.parse((await opsdesk(['customers', 'list', '--search', term, '--limit', String(limit), '--json', '--db', db])).stdout) as Listed[]).map(customer => customer.name);
		const zeds = Array.from({length: 5000}, (_, index) => `Zed ${String(index).padStart(4, '0')}`);
		expect(await list('zed', 30)).toEqual(zeds.slice(0, 30));
		expect(await list('zed 49', 200)).toEqual(zeds.filter(name => name.startsWith('Zed 49')));
		expect(await list('zed', 0)).toEqual(zeds);
		expect(await list('aaron 11', 0)).toEqual(Array.from({length: 100}, (_, index) => `Aaron ${String(1100 + index)}`));
	}, 120_000);
});

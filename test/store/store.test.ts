import {sql} from 'kysely';
import {describe, expect, it} from 'vitest';
import {migrations} from '../../source/migrations.js';
import {openStore} from '../../source/store/store.js';
import {databaseTarget, redactedUrl} from '../../source/store/target.js';
import {engines, tempDatabaseTarget, tempStore} from '../support/engines.js';

const customer = (id: number, name: string) => ({
	id, name, company: '', email: '', phone: '', address: '', city: '', country: '', status: 'lead', tags: '[]', notes: '',
	created_at: '2026-12-01T00:00:00.000Z', updated_at: '2026-12-01T00:00:00.000Z', deleted_at: null,
	name_key: name.toLowerCase(), name_rank: id * 1000, search_text: `${name.toLowerCase()}\t\t\t\n ${name.toLowerCase()}`,
});

describe.each(engines)('the data layer on %s', engine => {
	it('reads what a write transaction committed, with integers as numbers and byte-wise text order', async () => {
		const store = await tempStore(engine);
		await store.write(async tx => {
			await tx.db.insertInto('customers').values([customer(1, 'Émile'), customer(2, 'Zoë'), customer(3, 'ada')]).execute();
		});
		const rows = await store.db.selectFrom('customers').select(['id', 'name', 'version']).orderBy('name').execute();
		expect(rows).toEqual([{id: 3, name: 'ada', version: 1}, {id: 2, name: 'Zoë', version: 1}, {id: 1, name: 'Émile', version: 1}].sort((a, b) => (a.name < b.name ? -1 : 1)));
		const counted = await sql<{n: number}>`SELECT count(*) AS n FROM customers`.execute(store.db);
		expect(counted.rows[0]!.n).toBe(3);
	});

	it('rolls a failed write transaction back whole', async () => {
		const store = await tempStore(engine);
		await expect(store.write(async tx => {
			await tx.db.insertInto('customers').values(customer(1, 'Ada')).execute();
			await tx.db.insertInto('customers').values(customer(1, 'Ada again')).execute();
		})).rejects.toThrow();
		expect(await store.db.selectFrom('customers').selectAll().execute()).toEqual([]);
	});

	it('tells a listener when another connection commits', async () => {
		const store = await tempStore(engine);
		const other = await openStore(store.target, {migrations, changePollMs: 0});
		let heard = 0;
		const stop = store.onChange(() => heard++);
		// PostgreSQL's listener connects in the background: give it a moment before writing.
		await new Promise(resolve => setTimeout(resolve, 300));
		await other.write(tx => tx.db.insertInto('customers').values(customer(7, 'Grace')).execute());
		await expect.poll(() => heard, {timeout: 3000}).toBeGreaterThan(0);
		stop();
		await other.close();
	});

	it('refuses a database written by a newer opsdesk without changing it', async () => {
		const where = await tempDatabaseTarget(engine);
		const newer = [...migrations, {version: 99, name: 'from the future', up: () => {}, postgres: 'SELECT 1'}];
		const first = await openStore(databaseTarget(where), {migrations: newer, changePollMs: 0});
		await first.close();
		await expect(openStore(databaseTarget(where), {migrations, changePollMs: 0})).rejects.toThrow(/schema version 99 is newer than this opsdesk knows/);
	});
});

describe('choosing the engine', () => {
	it('takes a postgres:// URL for PostgreSQL and shows it without its password', () => {
		const target = databaseTarget('postgres://ops:s3cret@db.example:5433/crm?sslmode=require');
		expect(target).toMatchObject({engine: 'postgres'});
		expect(target.shown).toBe('postgres://ops:****@db.example:5433/crm?sslmode=require');
		expect(redactedUrl('postgresql://u:p@h/d?password=x')).not.toMatch(/:p@|password=x/);
		expect(databaseTarget('relative.db', {}).engine).toBe('sqlite');
	});

	it('says it cannot reach a server that is not there, without the password', async () => {
		const error = await openStore(databaseTarget('postgres://ops:s3cret@127.0.0.1:9/crm'), {migrations}).catch((caught: unknown) => caught);
		expect(String(error)).toMatch(/cannot reach the PostgreSQL server/);
		expect(String(error)).not.toContain('s3cret');
	});
});

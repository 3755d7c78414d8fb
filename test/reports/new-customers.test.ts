import path from 'node:path';
import {sql} from 'kysely';
import {describe, expect, it} from 'vitest';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {bulkBatch, startBulkInsert} from '../../source/customers/customer-bulk.js';
import {migrations} from '../../source/migrations.js';
import {buildReport} from '../../source/reports/report.js';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {openStore, type Db} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {engines, tempStore} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

/** Customers created per month of 2025, counted from the customers table itself. */
async function byHand(db: Db): Promise<number[]> {
	const rows = await sql<{created_at: string}>`SELECT created_at FROM customers`.execute(db.db);
	const months = Array.from({length: 12}, () => 0);
	for (const {created_at: at} of rows.rows) if (at.startsWith('2025-')) months[Number(at.slice(5, 7)) - 1]!++;
	return months;
}

const reported = async (db: Db) => (await buildReport(db, {from: '2025-01-01', to: '2025-12-31'})).report.new_customers_by_month.map(row => row.customers);

/** Adds generated customers with creation times spread over 2025, through the bulk insert (row by row below 500, bare above). */
async function addDated(db: Db, count: number, seed: number): Promise<void> {
	await db.write(async tx => {
		const bulk = await startBulkInsert(tx, {now: '2025-06-01T00:00:00.000Z'});
		let index = 0;
		for (const fields of syntheticCustomers(count, seed)) {
			const month = String(1 + ((index * 7 + seed) % 12)).padStart(2, '0');
			bulk.add(fields, {createdAt: `2025-${month}-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00.000Z`});
			index++;
			if (bulk.pending >= bulkBatch) await bulk.flush();
		}
		await bulk.finish();
	});
}

describe.each(engines)('new customers in the report on %s', engine => {
	it('equal a count of the customers table, after single adds, small and large dated imports and deletes', async () => {
		const db = await tempStore(engine);
		await addDated(db, 40, 1);
		expect(await reported(db)).toEqual(await byHand(db));
		await addDated(db, 1_200, 2);
		// Row by row again after a bare load (which dropped and rebuilt indexes): still counted.
		await addDated(db, 30, 4);
		await createCustomer(db, {name: 'Added Today'});
		const gone = await createCustomer(db, {name: 'Soon Deleted'});
		await deleteCustomer(db, gone.id);
		const expected = await byHand(db);
		// Every month has some: the comparison means something.
		expect(expected.every(count => count > 0)).toBe(true);
		expect(await reported(db)).toEqual(expected);
		// A creation time moved by hand moves the count with it.
		await sql`UPDATE customers SET created_at = '2025-02-14T09:00:00.000Z' WHERE id IN (1, 2, 3)`.execute(db.db);
		expect(await reported(db)).toEqual(await byHand(db));
	});
});

describe('new customers in a database from before the count was kept', () => {
	it('are counted when it is upgraded', async () => {
		const file = path.join(tempFolder(), 'old.db');
		const old = await openStore(databaseTarget(file), {migrations: migrations.filter(migration => migration.version <= 8), changePollMs: 0});
		await addDated(old, 60, 3);
		await old.close();
		const upgraded = await openStore(databaseTarget(file), {migrations, changePollMs: 0});
		try {
			expect((await byHand(upgraded)).reduce((sum, count) => sum + count, 0)).toBe(60);
			expect(await reported(upgraded)).toEqual(await byHand(upgraded));
		} finally {
			await upgraded.close();
		}
	});
});

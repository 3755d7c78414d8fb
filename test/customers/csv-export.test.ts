import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {exportCustomersCsv} from '../../source/customers/customer-export.js';
import {importCustomersCsv} from '../../source/customers/customer-import.js';
import {createCustomer, deleteCustomer, updateCustomer} from '../../source/customers/customers.js';
import type {Customer} from '../../source/customers/customer-fields.js';
import {customerColumns} from '../../source/customers/customer-rows.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {sql} from 'kysely';
import type {Db} from '../../source/store/store.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';

async function allCustomers(db: Db): Promise<Customer[]> {
	const rows = (await sql<Customer & {tags: string}>`SELECT ${sql.raw(customerColumns)} FROM customers WHERE deleted_at IS NULL ORDER BY id`.execute(db.db)).rows;
	return rows.map(row => ({...row, tags: JSON.parse(row.tags) as string[]}));
}

const place = async (engine: Parameters<typeof tempStore>[0]) => ({db: await tempStore(engine), folder: tempFolder()});

describe.each(engines)('export then import on %s', engine => {
	it('gives the same customers in an empty database: ids, fields, times and versions', async () => {
		const source = await place(engine);
		await createCustomer(source.db, {
			name: 'Zoë "Z" Ümlaut', company: 'Comma, Quote " Co', email: 'zoe@example.de', phone: '+41 44 221 07 70',
			address: 'Bahnhofstrasse 45\n8001 Zürich', city: 'Zürich', country: 'CH', status: 'active', tags: ['vip', 'b2b'], notes: 'Emoji 🎉\nsecond line',
		});
		await createCustomer(source.db, {name: '王小明', company: '上海明光贸易有限公司', email: 'xiaoming@example.cn', city: '上海'});
		const gone = await createCustomer(source.db, {name: 'Deleted Person', email: 'gone@example.com'});
		await deleteCustomer(source.db, gone.id);
		const edited = await createCustomer(source.db, {name: 'Edited Twice', tags: ['a', 'b']});
		await updateCustomer(source.db, edited.id, {notes: 'first'});
		await updateCustomer(source.db, edited.id, {status: 'inactive'});
		const file = path.join(source.folder, 'customers.csv');
		expect(await exportCustomersCsv(source.db, file)).toEqual({exported: 3});
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('id,name,company,email,phone,address,city,country,status,tags,notes,created_at,updated_at,version');

		const target = await place(engine);
		expect(await importCustomersCsv(target.db, file)).toMatchObject({imported: 3, rejected: 0});
		expect(await allCustomers(target.db)).toEqual(await allCustomers(source.db));
		expect((await allCustomers(target.db)).map(customer => [customer.id, customer.version])).toEqual([[1, 1], [2, 1], [4, 3]]);
		// A later customer gets the next id, and name order still works across them.
		await createCustomer(target.db, {name: 'Aaron First'});
		expect((await listCustomers(target.db)).customers.map(customer => customer.id)).toEqual([5, 4, 1, 2]);
	});

	it('gives new ids in a database that already has customers', async () => {
		const source = await place(engine);
		await createCustomer(source.db, {name: 'Ada', email: 'ada@example.com'});
		const file = path.join(source.folder, 'customers.csv');
		await exportCustomersCsv(source.db, file);
		const target = await place(engine);
		await createCustomer(target.db, {name: 'Already Here'});
		expect(await importCustomersCsv(target.db, file)).toMatchObject({imported: 1});
		expect((await allCustomers(target.db)).map(customer => [customer.id, customer.name])).toEqual([[1, 'Already Here'], [2, 'Ada']]);
	});

	it('writes a header only for an empty database, and leaves no partial file when the folder is missing', async () => {
		const {db, folder} = await place(engine);
		const file = path.join(folder, 'empty.csv');
		expect(await exportCustomersCsv(db, file)).toEqual({exported: 0});
		expect(fs.readFileSync(file, 'utf8')).toBe('id,name,company,email,phone,address,city,country,status,tags,notes,created_at,updated_at,version\n');
		await expect(exportCustomersCsv(db, path.join(folder, 'missing', 'x.csv'))).rejects.toThrow(/x\.csv: cannot write: no such file or folder/);
		expect(fs.readdirSync(folder).filter(name => name.includes('partial'))).toEqual([]);
	});
});

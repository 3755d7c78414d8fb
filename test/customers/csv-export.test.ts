import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {exportCustomersCsv} from '../../source/customers/customer-export.js';
import {importCustomersCsv} from '../../source/customers/customer-import.js';
import {createCustomer, deleteCustomer, updateCustomer} from '../../source/customers/customers.js';
import type {Customer} from '../../source/customers/customer-fields.js';
import {customerColumns} from '../../source/customers/customer-rows.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {tempDatabase} from '../support/temp-db.js';

function allCustomers(db: ReturnType<typeof tempDatabase>['db']): Customer[] {
	const rows = db.prepare(`SELECT ${customerColumns} FROM customers WHERE deleted_at IS NULL ORDER BY id`).all() as Array<Customer & {tags: string}>;
	return rows.map(row => ({...row, tags: JSON.parse(row.tags) as string[]}));
}

describe('export then import', () => {
	it('gives the same customers in an empty database: ids, fields, times and versions', () => {
		const source = tempDatabase();
		createCustomer(source.db, {
			name: 'Zoë "Z" Ümlaut', company: 'Comma, Quote " Co', email: 'zoe@example.de', phone: '+41 44 221 07 70',
			address: 'Bahnhofstrasse 45\n8001 Zürich', city: 'Zürich', country: 'CH', status: 'active', tags: ['vip', 'b2b'], notes: 'Emoji 🎉\nsecond line',
		});
		createCustomer(source.db, {name: '王小明', company: '上海明光贸易有限公司', email: 'xiaoming@example.cn', city: '上海'});
		const gone = createCustomer(source.db, {name: 'Deleted Person', email: 'gone@example.com'});
		deleteCustomer(source.db, gone.id);
		const edited = createCustomer(source.db, {name: 'Edited Twice', tags: ['a', 'b']});
		updateCustomer(source.db, edited.id, {notes: 'first'});
		updateCustomer(source.db, edited.id, {status: 'inactive'});
		const file = path.join(source.folder, 'customers.csv');
		expect(exportCustomersCsv(source.db, file)).toEqual({exported: 3});
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('id,name,company,email,phone,address,city,country,status,tags,notes,created_at,updated_at,version');

		const target = tempDatabase();
		expect(importCustomersCsv(target.db, file)).toMatchObject({imported: 3, rejected: 0});
		expect(allCustomers(target.db)).toEqual(allCustomers(source.db));
		expect(allCustomers(target.db).map(customer => [customer.id, customer.version])).toEqual([[1, 1], [2, 1], [4, 3]]);
		// A later customer gets the next id, and name order still works across them.
		createCustomer(target.db, {name: 'Aaron First'});
		expect(listCustomers(target.db).customers.map(customer => customer.id)).toEqual([5, 4, 1, 2]);
	});

	it('gives new ids in a database that already has customers', () => {
		const source = tempDatabase();
		createCustomer(source.db, {name: 'Ada', email: 'ada@example.com'});
		const file = path.join(source.folder, 'customers.csv');
		exportCustomersCsv(source.db, file);
		const target = tempDatabase();
		createCustomer(target.db, {name: 'Already Here'});
		expect(importCustomersCsv(target.db, file)).toMatchObject({imported: 1});
		expect(allCustomers(target.db).map(customer => [customer.id, customer.name])).toEqual([[1, 'Already Here'], [2, 'Ada']]);
	});

	it('writes a header only for an empty database, and leaves no partial file when the folder is missing', () => {
		const {db, folder} = tempDatabase();
		const file = path.join(folder, 'empty.csv');
		expect(exportCustomersCsv(db, file)).toEqual({exported: 0});
		expect(fs.readFileSync(file, 'utf8')).toBe('id,name,company,email,phone,address,city,country,status,tags,notes,created_at,updated_at,version\n');
		expect(() => exportCustomersCsv(db, path.join(folder, 'missing', 'x.csv'))).toThrow(/x\.csv: cannot write: no such file or folder/);
		expect(fs.readdirSync(folder).filter(name => name.includes('partial'))).toEqual([]);
	});
});

import {describe, expect, it} from 'vitest';
import {tempDatabase, dbOf} from '../support/temp-db.js';
import {getCustomer, updateCustomer} from '../../source/customers/customers.js';
import {addInteraction, listInteractions} from '../../source/customers/interactions.js';
import {addCustomers, lineWith, renderDesk, selectedRow} from './desk-harness.js';

describe('customer detail', () => {
	it('shows every field and the interactions newest first', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{
			name: 'Anna Kowalski', company: 'Kowalski Sp.', email: 'anna@kowalski.example', phone: '+48 12 345',
			address: 'ul. Długa 5', city: 'Kraków', country: 'PL', status: 'active', tags: ['vip', 'b2b'], notes: 'Prefers mornings',
		}]));
		await addInteraction(dbOf(db), id!, {kind: 'call', subject: 'First call', at: '2026-01-02T09:00:00.000Z'});
		await addInteraction(dbOf(db), id!, {kind: 'email', direction: 'in', subject: 'Asked for a quote', body: 'Please send prices', at: '2026-03-04T10:30:00.000Z'});
		const screen = await renderDesk(db, file);
		await screen.press('enter');
		const frame = await screen.waitFor('Interactions 2, newest first');
		for (const value of ['Anna Kowalski', 'Kowalski Sp.', 'anna@kowalski.example', '+48 12 345', 'ul. Długa 5', 'Kraków, PL', 'active', 'vip, b2b', 'Prefers mornings', 'version 1']) {
			expect(frame).toContain(value);
		}
		const lines = frame.split('\n');
		const quote = lines.findIndex(line => line.includes('Asked for a quote'));
		const call = lines.findIndex(line => line.includes('First call'));
		expect(quote).toBeGreaterThan(0);
		expect(call).toBeGreaterThan(quote);
		expect(lines[quote]).toContain('2026-03-04 10:30');
		expect(lines[quote]).toContain('Please send prices');
		await screen.press('esc');
		expect(selectedRow(screen.frame())).toContain('Anna Kowalski');
	});

	it('logs an interaction with i, checking the fields first', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski'}]));
		const screen = await renderDesk(db, file);
		await screen.press('enter', 'i');
		await screen.waitFor('Log an interaction with Anna Kowalski');
		await screen.press('ctrl+s');
		expect(lineWith(screen.frame(), 'Subject')).toContain('subject is required');
		expect((await listInteractions(dbOf(db), id!))).toHaveLength(0);
		// The focus went to the field to fix.
		await screen.type('Called about the invoice');
		await screen.press('tab');
		await screen.type('Will pay Friday');
		await screen.press('ctrl+s');
		await screen.waitFor('Logged call with Anna Kowalski');
		expect(screen.frame()).toContain('Called about the invoice');
		expect((await listInteractions(dbOf(db), id!))[0]).toMatchObject({kind: 'call', direction: 'out', subject: 'Called about the invoice', body: 'Will pay Friday', actor: 'operator'});
	});

	it('shows the change history with h', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski', email: 'anna@old.example'}]));
		await updateCustomer(dbOf(db), id!, {email: 'anna@new.example'}, {actor: 'cli'});
		const screen = await renderDesk(db, file);
		await screen.press('h');
		const frame = await screen.waitFor('History of Anna Kowalski');
		expect(lineWith(frame, 'email:')).toContain('anna@old.example → anna@new.example');
		expect(lineWith(frame, 'email:')).toContain('cli');
		await screen.press('esc');
		expect(screen.frame()).toMatch(/Customers · \d+ of \d+ · status: all/);
	});

	it('deletes after a confirmation naming the customer, and restores from the deleted filter', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski'}, {name: 'Bruno Nowak'}]));
		const screen = await renderDesk(db, file);
		await screen.press('d');
		expect(screen.frame()).toContain(`Delete customer “Anna Kowalski” (#${id})?`);
		await screen.press('n');
		expect((await getCustomer(dbOf(db), id!))!.deleted_at).toBeNull();
		await screen.press('d', 'y');
		await screen.waitFor('Deleted Anna Kowalski');
		expect((await getCustomer(dbOf(db), id!))!.deleted_at).not.toBeNull();
		expect(lineWith(screen.frame(), 'Anna Kowalski (#')).toBeDefined();
		expect(screen.frame().split('\n').filter(line => line.includes('Anna Kowalski'))).toHaveLength(1);
		await screen.press('s', 's', 's', 's');
		expect(screen.frame()).toContain('status: deleted');
		expect(selectedRow(screen.frame())).toContain('Anna Kowalski');
		expect(selectedRow(screen.frame())).toContain('deleted');
		await screen.press('r');
		await screen.waitFor('Restored Anna Kowalski');
		expect((await getCustomer(dbOf(db), id!))!.deleted_at).toBeNull();
		expect(screen.frame()).toContain('No customers match.');
	});

	it('shows a refused restore in the status line instead of crashing', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski', email: 'anna@example.com'}]));
		const screen = await renderDesk(db, file);
		await screen.press('d', 'y');
		await screen.waitFor('Deleted Anna Kowalski');
		await addCustomers(db, [{name: 'Anna Other', email: 'anna@example.com'}]);
		await screen.press('s', 's', 's', 's', 'r');
		await screen.waitFor('error: email: anna@example.com is already used by customer');
		expect((await getCustomer(dbOf(db), id!))!.deleted_at).not.toBeNull();
	});
});

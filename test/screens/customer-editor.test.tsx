import {describe, expect, it} from 'vitest';
import {tempDatabase, dbOf} from '../support/temp-db.js';
import {getCustomer, updateCustomer} from '../../source/customers/customers.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {addCustomers, lineWith, renderDesk} from './desk-harness.js';

/** Moves the form's focus to a field by pressing Tab until its label is highlighted (the focused field shows a cursor). */
async function clearField(screen: Awaited<ReturnType<typeof renderDesk>>, length: number) {
	for (let index = 0; index < length; index++) await screen.press('backspace');
}

describe('customer editor', () => {
	it('shows a validation error beside the field, saves nothing, then saves the fixed value', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski', email: 'anna@kowalski.example'}]));
		const screen = await renderDesk(db, file);
		await screen.press('e');
		await screen.waitFor('Edit Anna Kowalski');
		await screen.press('tab', 'tab');
		await clearField(screen, 'anna@kowalski.example'.length);
		await screen.type('anna-at-kowalski');
		await screen.press('ctrl+s');
		const frame = screen.frame();
		expect(lineWith(frame, 'Email')).toContain('anna-at-kowalski');
		expect(lineWith(frame, 'Email')).toContain('is not a valid email address');
		expect(frame).toContain('Not saved');
		// Ctrl-S is a command, not text.
		expect(lineWith(frame, 'Email')).not.toContain('kowalskis');
		expect((await getCustomer(dbOf(db), id!))!.email).toBe('anna@kowalski.example');
		expect((await getCustomer(dbOf(db), id!))!.version).toBe(1);

		await clearField(screen, 'anna-at-kowalski'.length);
		await screen.type('anna@kowalski.pl');
		expect(lineWith(screen.frame(), 'Email')).not.toContain('not a valid');
		await screen.press('ctrl+s');
		await screen.waitFor('Saved Anna Kowalski');
		expect((await getCustomer(dbOf(db), id!))!.email).toBe('anna@kowalski.pl');
		expect(screen.frame()).toContain('anna@kowalski.pl');
		expect(screen.frame()).toMatch(/Customers · \d+ of \d+ · status: all/);
	});

	it('moves between fields with Tab, Shift-Tab and arrows, and asks before dropping changes on Esc', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski', company: 'Kowalski Sp.'}]));
		const screen = await renderDesk(db, file);
		await screen.press('e');
		await screen.press('down', 'tab', 'shift+tab', 'up', 'tab');
		// On Company now: typing goes there.
		await screen.type(' z o.o.');
		expect(lineWith(screen.frame(), 'Company')).toContain('Kowalski Sp. z o.o.');
		expect(screen.frame()).toContain('(changed)');
		await screen.press('esc');
		expect(screen.frame()).toContain('Leave and drop your changes?');
		// Any other key is ignored while the question is open.
		await screen.press('q');
		expect(screen.frame()).toContain('Leave and drop your changes?');
		await screen.press('n');
		expect(lineWith(screen.frame(), 'Company')).toContain('Kowalski Sp. z o.o.');
		await screen.press('esc', 'y');
		expect(screen.frame()).toMatch(/Customers · \d+ of \d+ · status: all/);
		expect((await getCustomer(dbOf(db), id!))!.company).toBe('Kowalski Sp.');
	});

	it('stops at the first and last field with the arrows, while Tab and Shift-Tab go round', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna', notes: 'keep'}]));
		const screen = await renderDesk(db, file, {rows: 40});
		// Up too many from the email: still the name, not the notes.
		await screen.press('e', 'tab', 'tab', 'up', 'up', 'up');
		await screen.type(' Nowak');
		expect(lineWith(screen.frame(), 'Name')).toContain('Anna Nowak');
		// Shift-Tab from the first field is the last (notes); Down there stays in it.
		await screen.press('shift+tab', 'down', 'enter');
		await screen.type('!');
		await screen.press('tab');
		await screen.type('?');
		await screen.press('ctrl+s');
		await screen.waitFor('Saved');
		const saved = (await getCustomer(dbOf(db), id!))!;
		// Enter in the notes (a text area) breaks the line; Tab from the last field is the first.
		expect(saved.notes).toBe('keep\n!');
		expect(saved.name).toBe('Anna Nowak?');
	});

	it('refuses to overwrite a change saved elsewhere and offers to reload it', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski', phone: '+48 1'}]));
		const screen = await renderDesk(db, file);
		await screen.press('e', 'tab', 'tab', 'tab');
		await screen.type('23');
		// Someone else saves first.
		await updateCustomer(dbOf(db), id!, {phone: '+48 999'}, {actor: 'cli'});
		await screen.press('ctrl+s');
		await screen.waitFor('Saved elsewhere since you opened this form');
		expect(lineWith(screen.frame(), 'Phone')).toMatch(/Phone\s+\+48 999\s+\+48 123/);
		expect((await getCustomer(dbOf(db), id!))!.phone).toBe('+48 999');
		await screen.press('ctrl+r');
		expect(lineWith(screen.frame(), 'Phone')).toContain('+48 999');
		await screen.press('ctrl+s');
		await screen.waitFor('Saved Anna Kowalski');
		expect((await getCustomer(dbOf(db), id!))!.phone).toBe('+48 999');
	});

	it('keeps a renamed customer selected where the new name puts it in the list', async () => {
		const {db, file} = tempDatabase();
		const names = Array.from({length: 60}, (_, index) => `Person ${String(index).padStart(2, '0')}`);
		await addCustomers(db, [...names.map(name => ({name})), {name: 'Zygmunt Smith'}]);
		const screen = await renderDesk(db, file);
		await screen.press('/');
		await screen.type('zygmunt');
		await screen.press('enter', 'esc');
		expect(lineWith(screen.frame(), '›')).toContain('Zygmunt Smith');
		expect(screen.frame()).toMatch(/Customers · 61 of 61/);
		await screen.press('e');
		await screen.waitFor('Edit Zygmunt Smith');
		await clearField(screen, 'Zygmunt Smith'.length);
		await screen.type('Aaron Smith');
		await screen.press('ctrl+s');
		const frame = await screen.waitFor('Saved Aaron Smith');
		// Aaron sorts first now: the list moved to him, not to whoever took Zygmunt's row.
		expect(lineWith(frame, '›')).toContain('Aaron Smith');
		expect(frame).toMatch(/Customers · 1 of 61/);
	});

	it('adds a customer with n in the same form and selects it', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file);
		await screen.press('n');
		await screen.waitFor('New customer');
		await screen.press('ctrl+s');
		expect(lineWith(screen.frame(), 'Name')).toContain('name is required');
		await screen.type('Zygmunt Nowak');
		await screen.press('tab', 'tab');
		await screen.type('zygmunt@nowak.example');
		await screen.press('ctrl+s');
		await screen.waitFor('Saved Zygmunt Nowak');
		expect(lineWith(screen.frame(), '›')).toContain('Zygmunt Nowak');
		const [created] = (await listCustomers(dbOf(db), {search: 'zygmunt'})).customers;
		expect(created).toMatchObject({name: 'Zygmunt Nowak', email: 'zygmunt@nowak.example', status: 'lead'});
	});
});

import {describe, expect, it} from 'vitest';
import {tempDatabase, dbOf} from '../support/temp-db.js';
import {insertValidCustomer} from '../../source/customers/customers.js';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {addCustomers, renderDesk, selectedRow} from './desk-harness.js';

describe('customers list', () => {
	it('shows the customers in name order with their fields and moves with j/k and arrows', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [
			{name: 'Zoë Brandt', company: 'Brandt AG', email: 'zoe@brandt.example', phone: '+49 30 1234', status: 'active', tags: ['vip', 'b2b']},
			{name: 'Anna Kowalski', company: 'Kowalski Sp.', email: 'anna@kowalski.example', status: 'lead'},
			{name: '王小明', company: '上海贸易', email: 'wang@sh.example', status: 'inactive'},
		]);
		const screen = await renderDesk(db, file);
		const frame = screen.frame();
		expect(frame).toContain('1 Customers');
		expect(frame).toContain(file);
		const lines = frame.split('\n');
		const anna = lines.findIndex(line => line.includes('Anna Kowalski'));
		const zoe = lines.findIndex(line => line.includes('Zoë Brandt'));
		expect(anna).toBeGreaterThan(0);
		expect(zoe).toBeGreaterThan(anna);
		expect(lines[zoe]).toContain('zoe@brandt.example');
		expect(lines[zoe]).toContain('vip, b2b');
		expect(selectedRow(frame)).toContain('Anna Kowalski');
		await screen.press('j');
		expect(selectedRow(screen.frame())).toContain('Zoë Brandt');
		await screen.press('down');
		expect(selectedRow(screen.frame())).toContain('王小明');
		await screen.press('k', 'up');
		expect(selectedRow(screen.frame())).toContain('Anna Kowalski');
	});

	it('pages through a long list with PgDn/PgUp and jumps with g/G, reading only the visible rows', async () => {
		const {db, file} = tempDatabase();
		const now = new Date().toISOString();
		await dbOf(db).write(async tx => {
			for (const fields of syntheticCustomers(500, 7)) await insertValidCustomer(tx, fields, now);
		});
		const screen = await renderDesk(db, file, {rows: 30});
		const first = selectedRow(screen.frame());
		await screen.press('pgdn');
		const afterPage = screen.frame();
		expect(afterPage).not.toContain(first!.slice(2, 30));
		await screen.press('pgup');
		expect(selectedRow(screen.frame())).toBe(first);
		await screen.press('G');
		const last = selectedRow(screen.frame());
		expect(last).not.toBe(first);
		// At the end, moving down stays on the last customer.
		await screen.press('j');
		expect(selectedRow(screen.frame())).toBe(last);
		await screen.press('g');
		expect(selectedRow(screen.frame())).toBe(first);
		// Up at the very top stays there; down past the window scrolls by one row.
		await screen.press('k');
		expect(selectedRow(screen.frame())).toBe(first);
		const visible = screen.frame().split('\n').filter(line => /^[ ›] \S/.test(line)).length;
		for (let step = 0; step < visible; step++) await screen.press('j');
		const scrolled = screen.frame();
		expect(scrolled).not.toContain(first!.slice(2, 30));
		expect(selectedRow(scrolled)).toBeDefined();
	});

	it('narrows the list while a search is typed, keeps it on Enter and clears it on Esc', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [
			{name: 'Anna Kowalski', email: 'anna@kowalski.example'},
			{name: 'Bruno Kowalczyk', email: 'bruno@kowal.example'},
			{name: 'Chloé Dubois', email: 'chloe@dubois.example'},
		]);
		const screen = await renderDesk(db, file);
		await screen.press('/');
		await screen.waitFor('Enter keep filter');
		await screen.type('kowal');
		let frame = screen.frame();
		expect(frame).toContain('Anna Kowalski');
		expect(frame).toContain('Bruno Kowalczyk');
		expect(frame).not.toContain('Chloé Dubois');
		await screen.type('c');
		frame = screen.frame();
		expect(frame).toContain('Bruno Kowalczyk');
		expect(frame).not.toContain('Anna Kowalski');
		await screen.press('enter');
		frame = screen.frame();
		expect(frame).toContain('search: "kowalc"');
		expect(frame).not.toContain('Anna Kowalski');
		// Back in the list, letters are keys again: j moves, it does not type.
		await screen.press('j');
		expect(screen.frame()).toContain('search: "kowalc"');
		await screen.press('esc');
		frame = screen.frame();
		expect(frame).toContain('Anna Kowalski');
		expect(frame).toContain('Chloé Dubois');
		expect(frame).not.toContain('search:');
	});

	it('Esc in the search field clears the search', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}, {name: 'Chloé Dubois'}]);
		const screen = await renderDesk(db, file);
		await screen.press('/');
		await screen.type('dub');
		expect(screen.frame()).not.toContain('Anna Kowalski');
		await screen.press('esc');
		expect(screen.frame()).toContain('Anna Kowalski');
		// The field is gone: the title line is back.
		expect(screen.frame().split('\n')[1]).toMatch(/^Customers · 2 of 2 · status: all$/);
	});

	it('cycles the status filter with s: all, lead, active, inactive, deleted', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [
			{name: 'Lena Lead', status: 'lead'},
			{name: 'Arne Active', status: 'active'},
			{name: 'Ines Inactive', status: 'inactive'},
		]);
		const screen = await renderDesk(db, file);
		const shown = () => ['Lena Lead', 'Arne Active', 'Ines Inactive'].filter(name => screen.frame().includes(name));
		expect(shown()).toHaveLength(3);
		await screen.press('s');
		expect(screen.frame()).toContain('status: lead');
		expect(shown()).toEqual(['Lena Lead']);
		await screen.press('s');
		expect(shown()).toEqual(['Arne Active']);
		await screen.press('s');
		expect(shown()).toEqual(['Ines Inactive']);
		await screen.press('s');
		expect(screen.frame()).toContain('status: deleted');
		expect(screen.frame()).toContain('No customers match.');
		await screen.press('s');
		expect(shown()).toHaveLength(3);
	});
});

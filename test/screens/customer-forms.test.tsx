import {describe, expect, it} from 'vitest';
import {tempDatabase, dbOf} from '../support/temp-db.js';
import {getCustomer, updateCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {pasteBytes} from '../components/ink-harness.js';
import {addCustomers, lineWith, renderDesk} from './desk-harness.js';

const footer = (frame: string) => frame.split('\n').at(-1)!;

describe('forms that guide', () => {
	it('? in a form lists the editing keys from the key registry, and the field keeps its text', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file, {rows: 40});
		await screen.press('e');
		await screen.type(' Jr');
		await screen.press('f1');
		const help = screen.frame();
		expect(help).toContain('Editing text');
		expect(lineWith(help, 'Delete the word before the cursor')).toMatch(/^Ctrl-W\s/);
		expect(lineWith(help, 'Move left a word')).toMatch(/^Alt-B Ctrl-←\s/);
		expect(lineWith(help, 'Save from any field')).toMatch(/^Ctrl-S\s/);
		await screen.press('esc');
		expect(lineWith(screen.frame(), 'Name')).toContain('Anna Kowalski Jr');
		// q and digits are letters in a field, not commands.
		await screen.type('q2');
		expect(lineWith(screen.frame(), 'Name')).toContain('Anna Kowalski Jrq2');
		// ? too is a character in a field: help there is F1, as the footer says.
		expect(footer(screen.frame())).toMatch(/Ctrl-S save\s+Esc leave.*F1 help/);
		expect(footer(screen.frame())).not.toContain('? help');
	});

	it('types ? in a one-line field and in the search, and F1 is help there', async () => {
		const {db, file} = tempDatabase();
		const [id] = await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file, {rows: 40});
		await screen.press('e', 'tab');
		await screen.type('Who? Ltd');
		expect(lineWith(screen.frame(), 'Company')).toContain('Who? Ltd');
		expect(screen.frame()).not.toContain('Editing text');
		await screen.press('f1');
		expect(screen.frame()).toContain('Editing text');
		expect(lineWith(screen.frame(), 'Show every key of this screen')).toMatch(/^F1\s/);
		await screen.press('esc', 'ctrl+s');
		await screen.waitFor('Saved');
		expect((await getCustomer(dbOf(db), id!))!.company).toBe('Who? Ltd');
		await screen.press('esc', '/');
		await screen.type('who?');
		expect(lineWith(screen.frame(), '/ search')).toMatch(/search\s+who\?\s/);
		expect(lineWith(screen.frame(), 'Anna Kowalski')).toContain('Who? Ltd');
		expect(screen.frame()).not.toContain('Editing text');
	});

	it('scrolls a long value sideways with the cursor in view, and edits it with the shell keys', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna'}]));
		const screen = await renderDesk(db, file, {columns: 80, rows: 24});
		await screen.press('e');
		const long = ' Maria Magdalena Kowalska-Wiśniewska z domu Brzęczyszczykiewicz';
		await screen.burst(...long);
		let name = lineWith(screen.frame(), 'Name')!;
		// Cut on the left, the end shown: the cursor (after the last letter) is on screen.
		expect(name).toMatch(/Name\s+…/);
		expect(name).toContain('Brzęczyszczykiewicz');
		// Home: the start again; Ctrl-E and Ctrl-W: the last word goes.
		await screen.press('home');
		name = lineWith(screen.frame(), 'Name')!;
		expect(name).toMatch(/Name\s+Anna Maria/);
		expect(name).toMatch(/…$/);
		await screen.press('ctrl+e', 'ctrl+w', 'ctrl+w', 'alt+b', 'ctrl+k');
		await screen.press('ctrl+s');
		await screen.waitFor('Saved');
		expect((await getCustomer(dbOf(db), id!))!.name).toBe('Anna Maria Magdalena Kowalska-Wiśniewska');
	});

	it('makes line breaks in a text area with Enter, moves between lines, and saves them; a paste keeps its lines', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna', address: 'ul. Długa 5'}]));
		const screen = await renderDesk(db, file, {rows: 30});
		await screen.press('e', 'tab', 'tab', 'tab', 'tab');
		await screen.burst('enter', ...'31-147 Kraków', 'up', 'end', ...' m. 4');
		let frame = screen.frame();
		expect(lineWith(frame, 'Address')).toContain('ul. Długa 5 m. 4');
		expect(frame).toMatch(/\n\s+31-147 Kraków/);
		// Down from the last line: the next field (City) takes what is typed.
		await screen.burst('down', 'down', ...'Kraków');
		expect(lineWith(screen.frame(), 'City')).toContain('Kraków');
		// Notes: a paste with line breaks goes in as text; one with a colour sequence, as its text without the sequence.
		await screen.press('tab', 'tab', 'tab', 'tab');
		await screen.write(pasteBytes('Call after 10:00\r\nNever on Fridays'));
		frame = screen.frame();
		expect(frame).toContain('Call after 10:00');
		expect(frame).toContain('Never on Fridays');
		await screen.press('shift+tab');
		await screen.write(pasteBytes('vip;\u001B[31mwholesale\ndy'));
		await screen.press('ctrl+s');
		await screen.waitFor('Saved Anna');
		expect((await getCustomer(dbOf(db), id!))).toMatchObject({
			address: 'ul. Długa 5 m. 4\n31-147 Kraków',
			city: 'Kraków',
			notes: 'Call after 10:00\nNever on Fridays',
			tags: ['vip', 'wholesale dy'],
		});
	});

	it('offers status, kind and direction as pickers: nothing else can be typed', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna', status: 'lead'}]));
		const screen = await renderDesk(db, file);
		await screen.press('e', ...Array.from({length: 7}, () => 'tab'));
		expect(lineWith(screen.frame(), 'Status')).toMatch(/lead\s+active\s+inactive/);
		await screen.type('leadactive');
		// Each letter jumped (l lead, e none, a active, d none, …): a value from the list, never the letters.
		expect(lineWith(screen.frame(), 'Status')).not.toContain('leadactive');
		await screen.press('space', 'space', 'left');
		await screen.type('i');
		await screen.press('ctrl+s');
		await screen.waitFor('Saved Anna');
		expect((await getCustomer(dbOf(db), id!))!.status).toBe('inactive');

		await screen.press('i');
		await screen.waitFor('Log an interaction with Anna');
		expect(lineWith(screen.frame(), 'Kind')).toMatch(/email\s+sms\s+call\s+note\s+ticket/);
		expect(lineWith(screen.frame(), 'Kind')).not.toContain('robot');
		await screen.type('n');
		await screen.press('tab', 'right', 'tab');
		await screen.type('Called back');
		await screen.press('ctrl+s');
		await screen.waitFor('Logged note with Anna');
		expect((await listInteractions(dbOf(db), id!))[0]).toMatchObject({kind: 'note', direction: 'in', subject: 'Called back'});
	});

	it('marks every invalid field at once and puts the cursor on the first', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna', email: 'anna@example.com'}]));
		const screen = await renderDesk(db, file, {columns: 120});
		await screen.press('e');
		await screen.press('ctrl+u', 'tab', 'tab', 'ctrl+u');
		await screen.type('anna-at-example');
		await screen.press('tab');
		await screen.type('call me');
		await screen.press('ctrl+s');
		const frame = screen.frame();
		expect(lineWith(frame, 'Name ')).toContain('name is required');
		expect(lineWith(frame, 'Email')).toContain('is not a valid email address');
		expect(lineWith(frame, 'Phone')).toContain('may hold digits');
		expect(frame).toContain('3 fields to fix before saving: name, email, phone');
		// The cursor went to the first of them: typing goes into the name.
		await screen.type('Anna K');
		expect(lineWith(screen.frame(), 'Name ')).toContain('Anna K');
		expect(lineWith(screen.frame(), 'Name ')).not.toContain('required');
		expect((await getCustomer(dbOf(db), id!))!.version).toBe(1);
	});

	it('shows the whole error of the field under the cursor when it is cut beside the field', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna', phone: '+48 1'}]);
		const screen = await renderDesk(db, file, {columns: 80, rows: 24});
		await screen.press('e', 'tab', 'tab', 'tab');
		await screen.type('x call me');
		await screen.press('ctrl+s');
		const whole = '✗ Phone: may hold digits, spaces and + ( ) - . / x only';
		// Beside the field, 80 columns leave room for only the start of it.
		expect(lineWith(screen.frame(), 'Phone ')).toMatch(/✗ may hold digits.*…$/);
		expect(screen.frame().split('\n').map(line => line.trimEnd())).toContain(whole);
		// On another field the line goes; back on the phone it comes again.
		await screen.press('tab');
		expect(screen.frame()).not.toContain(whole);
		await screen.press('shift+tab');
		expect(screen.frame()).toContain(whole);
		// Fixed: no error, no line.
		await screen.press('ctrl+u');
		expect(screen.frame()).not.toContain('may hold digits');
	});

	it('shows what changed elsewhere (field, theirs, yours); keep mine and save keeps their other changes', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna', phone: '+48 1', city: 'Kraków'}]));
		const screen = await renderDesk(db, file);
		await screen.press('e', 'tab', 'tab', 'tab', 'ctrl+u');
		await screen.type('+48 22 555');
		await updateCustomer(dbOf(db), id!, {phone: '+48 999', city: 'Warszawa'}, {actor: 'cli'});
		await screen.press('ctrl+s');
		const notice = await screen.waitFor('Saved elsewhere since you opened this form');
		expect(lineWith(notice, 'Phone')).toMatch(/Phone\s+\+48 999\s+\+48 22 555/);
		expect(lineWith(notice, 'City')).toMatch(/City\s+Warszawa\s+\(you did not change it: theirs stays\)/);
		expect(footer(notice)).toMatch(/Ctrl-R load theirs\s+Ctrl-S keep mine and save/);
		await screen.press('ctrl+s');
		await screen.waitFor('Saved Anna');
		expect((await getCustomer(dbOf(db), id!))).toMatchObject({phone: '+48 22 555', city: 'Warszawa', version: 3});
	});

	it('clears a message at the next key, so it never stays on another customer', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna'}, {name: 'Bruno'}, {name: 'Cyril'}]);
		const screen = await renderDesk(db, file);
		await screen.press('d', 'y');
		await screen.waitFor('Deleted Anna');
		await screen.press('j');
		expect(screen.frame()).not.toContain('Deleted Anna');
	});

	it('takes a long burst of text (a paste the terminal did not bracket) as typed, into a text area, line breaks included', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna'}]));
		const screen = await renderDesk(db, file);
		await screen.press('e', ...Array.from({length: 9}, () => 'tab'));
		const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit; sed do eiusmod tempor. ';
		// Enter in the middle: a line break, as typed; q, digits and ? are text here.
		await screen.write(`${paragraph.repeat(6)}\rq? 1 2 3${paragraph.repeat(6)}\u0013`);
		await screen.waitFor('Saved Anna');
		expect((await getCustomer(dbOf(db), id!))!.notes).toBe(`${paragraph.repeat(6)}\nq? 1 2 3${paragraph.repeat(6)}`);
	});
});

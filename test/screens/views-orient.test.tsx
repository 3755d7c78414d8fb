import {describe, expect, it} from 'vitest';
import {tempDatabase, dbOf} from '../support/temp-db.js';
import {insertValidCustomer, updateCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {createOrder} from '../../source/orders/orders.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {addCustomers, lineWith, renderDesk, selectedRow} from './desk-harness.js';

const header = (frame: string) => frame.split('\n')[1]!;

describe('lists and views that orient', () => {
	it('says where the selection is in the whole list, and how many a search matches', async () => {
		const {db, file} = tempDatabase();
		const now = new Date().toISOString();
		await dbOf(db).write(async tx => {
			for (const fields of syntheticCustomers(300, 3)) await insertValidCustomer(tx, fields, now);
		});
		const screen = await renderDesk(db, file, {rows: 30});
		expect(header(screen.frame())).toMatch(/^Customers · 1 of 300 · status: all/);
		await screen.press('j', 'j', 'pgdn');
		const rows = screen.frame().split('\n').filter(line => /^[ ›] \S/.test(line) && !line.startsWith('  Name')).length;
		expect(header(screen.frame())).toContain(`${3 + rows} of 300`);
		await screen.press('G');
		expect(header(screen.frame())).toContain('300 of 300');
		await screen.press('pgup', 'k');
		expect(header(screen.frame())).toContain(`${300 - rows - 1} of 300`);
		// s keeps the place: the customer selected (or, not a lead, the lead after it), counted.
		const before = selectedRow(screen.frame())!;
		await screen.press('s');
		const leads = await screen.waitFor(frame => /· \d+ of \d+ · status: lead/.test(header(frame)));
		const lead = / lead(\s|$)/;
		expect(selectedRow(leads)).toMatch(lead);
		if (lead.test(before)) expect(selectedRow(leads)).toBe(before);

		await screen.press('s', 's', 's', 's', '/');
		await screen.type('an');
		const field = screen.frame().split('\n')[1]!;
		const matches = Number(/matches (\d+)/.exec(field)?.[1]);
		expect(matches).toBeGreaterThan(0);
		expect(field).toContain(`1 of ${matches}`);
	});

	it('keeps the selected customer when Esc clears a search, in the middle of the whole list', async () => {
		const {db, file} = tempDatabase();
		const now = new Date().toISOString();
		await dbOf(db).write(async tx => {
			for (const fields of syntheticCustomers(200, 5)) await insertValidCustomer(tx, fields, now);
		});
		await addCustomers(db, [{name: 'Mirela Zwiefka'}]);
		const screen = await renderDesk(db, file, {rows: 30});
		await screen.press('/');
		await screen.type('zwiefka');
		await screen.press('esc');
		const frame = screen.frame();
		expect(selectedRow(frame)).toContain('Mirela Zwiefka');
		expect(header(frame)).toMatch(/Customers · \d+ of 201 · status: all$/);
		// Not at the top of the list: the customers around it show too.
		const lines = frame.split('\n').filter(line => /^[ ›] \S/.test(line));
		expect(lines.findIndex(line => line.startsWith('›'))).toBeGreaterThan(3);
	});

	it('goes back to the customer selected before a search when Esc clears a search that matched no one', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, Array.from({length: 62}, (_, index) => ({name: `Person ${String(index).padStart(2, '0')}`})));
		const screen = await renderDesk(db, file, {rows: 30});
		await screen.press('G');
		expect(selectedRow(screen.frame())).toContain('Person 61');
		await screen.press('/');
		await screen.type('xqxq');
		await screen.waitFor('No customers match');
		await screen.press('esc');
		const frame = await screen.waitFor(text => /Customers · 62 of 62/.test(text));
		expect(selectedRow(frame)).toContain('Person 61');
	});

	it('fills the customer detail with orders and interactions, and Enter opens an order or a whole interaction', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski', address: 'ul. Długa 5\n31-147 Kraków'}]));
		for (let index = 1; index <= 6; index++) (await createOrder(dbOf(db), {customer_id: id!, amount: index * 1000, currency: 'EUR', placed_at: `2026-0${index}-01`, note: `order note ${index}`}));
		for (let index = 1; index <= 30; index++) (await addInteraction(dbOf(db), id!, {kind: 'call', subject: `call ${index}`, at: `2026-01-${String(index).padStart(2, '0')}T09:00:00.000Z`}));
		await addInteraction(dbOf(db), id!, {kind: 'email', direction: 'in', subject: 'Long letter', body: Array.from({length: 40}, (_, line) => `paragraph ${line + 1}`).join('\n'), at: '2026-02-01T09:00:00.000Z'});
		const screen = await renderDesk(db, file, {rows: 30});
		await screen.press('enter');
		let frame = await screen.waitFor('Interactions 31');
		expect(lineWith(frame, 'Address')).toContain('ul. Długa 5, 31-147 Kraków');
		expect(lineWith(frame, 'Orders')).toContain('6 · lifetime revenue');
		// Both lists fill the screen: every line of the body is used.
		expect(frame.split('\n').filter(line => /call \d+|SO-/.test(line)).length).toBeGreaterThanOrEqual(14);

		// The newest order is selected; Enter opens it, Backspace goes back.
		expect(selectedRow(frame)).toContain('2026-06-01');
		await screen.press('enter');
		frame = screen.frame();
		expect(frame).toContain('order note 6');
		expect(lineWith(frame, 'Amount')).toContain('60.00 EUR');
		await screen.press('backspace');
		await screen.press('j', 'j', 'j', 'j', 'j', 'j');
		expect(selectedRow(screen.frame())).toContain('Long letter');
		expect(lineWith(screen.frame(), 'Interactions')).toContain('1 of 31');
		await screen.press('enter');
		frame = screen.frame();
		expect(frame).toContain('Long letter');
		expect(frame).toContain('paragraph 1');
		expect(frame).not.toContain('paragraph 40');
		await screen.press('G');
		expect(screen.frame()).toContain('paragraph 40');
		await screen.press('pgup', 'g');
		expect(screen.frame()).toContain('paragraph 1\n');
		await screen.press('esc');
		await screen.press('G');
		expect(selectedRow(screen.frame())).toMatch(/call 1$/);
		await screen.press('backspace');
		expect(selectedRow(screen.frame())).toContain('Anna Kowalski');
	});

	it('scrolls the history a page at a time and goes back with Backspace', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna', phone: '0'}]));
		for (let change = 1; change <= 60; change++) (await updateCustomer(dbOf(db), id!, {phone: String(change)}, {actor: 'cli'}));
		const screen = await renderDesk(db, file, {rows: 24});
		await screen.press('h');
		let frame = await screen.waitFor('History of Anna');
		expect(frame).toContain('phone: 59 → 60');
		expect(frame).toContain('lines 1–');
		await screen.press('pgdn');
		frame = screen.frame();
		expect(frame).not.toContain('phone: 59 → 60');
		await screen.press('G');
		expect(screen.frame()).toContain('phone: 0 → 1');
		await screen.press('g');
		expect(screen.frame()).toContain('phone: 59 → 60');
		await screen.press('backspace');
		expect(selectedRow(screen.frame())).toContain('Anna');
	});

	it('opens a failed job at the end of its log, where the failure is, and Backspace goes back', async () => {
		const {db, file} = tempDatabase();
		const queue = openJobQueue(dbOf(db));
		await queue.enqueue([{robot: 'long', robotFile: 'long.yaml', robotText: 'name: long\nsteps:\n  - wait: 1ms\n', customerId: null, maxAttempts: 1}]);
		const lease = (await queue.lease('w'))!;
		for (let step = 1; step <= 80; step++) await queue.finishStep(lease, {number: step, name: 'wait', level: 'info', message: `waited ${step}`, durationMs: 1});
		await queue.finishStep(lease, {number: 81, name: 'wait', level: 'error', message: 'no window titled "Legacy*"', durationMs: 1});
		await queue.fail(lease, 'step 81: no window');
		const screen = await renderDesk(db, file, {rows: 30});
		await screen.press('2', 'enter');
		let frame = await screen.waitFor('Job #');
		expect(frame).toContain('no window titled "Legacy*"');
		expect(frame).not.toContain('waited 1 ');
		await screen.press('g');
		frame = screen.frame();
		expect(frame).toContain('step 1: waited 1');
		expect(frame).not.toContain('no window titled');
		await screen.press('pgdn', 'G');
		expect(screen.frame()).toContain('no window titled');
		await screen.press('backspace');
		expect(screen.frame()).toContain('Robot jobs');
	});

	it('says in the job view that a queued job needs a desktop, and not for one that needs none', async () => {
		const {db, file} = tempDatabase();
		const queue = openJobQueue(dbOf(db));
		await queue.enqueue([{robot: 'types', robotFile: 'types.yaml', robotText: 'name: types\nsteps:\n  - type: hello\n', customerId: null, maxAttempts: 1}]);
		const screen = await renderDesk(db, file, {columns: 120, rows: 30});
		await screen.press('2', 'enter');
		let frame = await screen.waitFor('Job #');
		expect(frame).toContain('needs a desktop: runs on a worker with a display');
		await queue.enqueue([{robot: 'waits', robotFile: 'waits.yaml', robotText: 'name: waits\nsteps:\n  - wait: 1ms\n', customerId: null, maxAttempts: 1, needsDesktop: false}]);
		await screen.press('backspace');
		await screen.waitFor('waits');
		await screen.press('g', 'enter');
		frame = await screen.waitFor('Job #2');
		expect(frame).not.toContain('needs a desktop');
	});

	it('wraps a long log line in the job view, so a step error is read whole at 80 columns', async () => {
		const {db, file} = tempDatabase();
		const queue = openJobQueue(dbOf(db));
		await queue.enqueue([{robot: 'long', robotFile: 'long.yaml', robotText: 'name: long\nsteps:\n  - wait: 1ms\n', customerId: null, maxAttempts: 1}]);
		const lease = (await queue.lease('w'))!;
		const error = 'no window titled "Legacy CRM*" within 10 s; windows open: "Terminal", "Mousepad - notes.txt", "Firefox"; ends with ZZ-END';
		await queue.finishStep(lease, {number: 1, name: 'wait', level: 'error', message: error, durationMs: 1});
		await queue.fail(lease, 'step 1: no window');
		const screen = await renderDesk(db, file, {columns: 80, rows: 24});
		await screen.press('2', 'enter');
		const frame = await screen.waitFor('Job #');
		const rows = frame.split('\n');
		const first = rows.findIndex(row => row.includes('step 1: no window titled'));
		expect(first).toBeGreaterThan(0);
		// The rest of the line on the rows under it, indented, every word there.
		const wrapped = rows.slice(first, first + 3).map(row => row.trim()).join(' ');
		expect(wrapped).toContain(`step 1: ${error}`);
		expect(rows[first + 1]).toMatch(/^ {2}\S/);
		expect(frame).toContain('ZZ-END');
		for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
	});
});

describe('hostile data', () => {
	it('shows escape sequences and bidi overrides in names and notes as glyphs; the terminal never receives them', async () => {
		const {db, file} = tempDatabase();
		const evil = 'Evil \u001B[2J\u001B]52;c;aGFja2Vk\u0007 \u202Egnp.exe';
		const [id] = (await addCustomers(db, [{name: 'Evil', notes: 'line'}]));
		const interaction = (await addInteraction(dbOf(db), id!, {kind: 'note', subject: 'subject', body: 'body'}));
		// Validation refuses these today; rows written by an older version or another tool still
		// hold them, and the desk must draw them harmlessly.
		db.prepare('UPDATE customers SET name = ?, notes = ? WHERE id = ?').run(evil, 'line\u001B[31m red\nsecond', id);
		db.prepare('UPDATE interactions SET subject = ?, body = ? WHERE id = ?').run('subject \u001B[?1049l', 'body \u001B]0;title\u0007', interaction.id);
		const screen = await renderDesk(db, file);
		const written = () => screen.rawFrames().join('');
		expect(selectedRow(screen.frame())).toContain('Evil ␛[2J␛]52');
		await screen.press('enter');
		expect(screen.frame()).toContain('Evil ␛[2J␛]52;c;aGFja2Vk␇ <U+202E>gnp.exe');
		expect(screen.frame()).toContain('line␛[31m red / second');
		expect(screen.frame()).toContain('subject ␛[?1049l');
		await screen.press('enter');
		expect(screen.frame()).toContain('body ␛]0;title␇');
		await screen.press('esc', 'e');
		expect(screen.frame()).toContain('Edit Evil ␛[2J');
		await screen.press('esc', 'h', 'esc', 'd');
		expect(screen.frame()).toContain('Delete customer “Evil ␛[2J');
		for (const attack of ['\u001B[2J', '\u001B]52', '\u001B]0;', '\u202E', '\u0007', '\u001B[?1049l', '\u001B[31m red']) expect(written()).not.toContain(attack);
	});
});

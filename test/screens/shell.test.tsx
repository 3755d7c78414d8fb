import {describe, expect, it} from 'vitest';
import {Text} from 'ink';
import {tempDatabase, dbOf} from '../support/temp-db.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {createCustomer, updateCustomer} from '../../source/customers/customers.js';
import {deskTabs, type DeskTab} from '../../source/app-tabs.js';
import {keyTable} from '../../source/keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../../source/keys/use-key-layer.js';
import {useDesk} from '../../source/components/desk-context.js';
import {addCustomers, lineWith, renderDesk} from './desk-harness.js';
import {pasteBytes} from '../components/ink-harness.js';

const footer = (frame: string) => frame.split('\n').at(-1)!;

describe('desk shell', () => {
	it('switches tabs with 1 2 3 and cycles with Tab and Shift-Tab', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const tabs: DeskTab[] = [
			deskTabs[0]!,
			{key: '2', title: 'Robots', component: () => <Text>robots screen</Text>},
			{key: '3', title: 'Reports', component: () => <Text>reports screen</Text>},
		];
		const screen = await renderDesk(db, file, {tabs});
		expect(screen.frame().split('\n')[0]).toMatch(/opsdesk {2}1 Customers {3}2 Robots {3}3 Reports\s+\/.*opsdesk\.db$/);
		expect(screen.frame()).toContain('Anna Kowalski');
		await screen.press('2');
		expect(screen.frame()).toContain('robots screen');
		expect(screen.frame()).not.toContain('Anna Kowalski');
		await screen.press('3');
		expect(screen.frame()).toContain('reports screen');
		await screen.press('tab');
		expect(screen.frame()).toContain('Anna Kowalski');
		await screen.press('shift+tab');
		expect(screen.frame()).toContain('reports screen');
		await screen.press('1');
		// The list kept its state while hidden.
		expect(screen.frame()).toContain('Anna Kowalski');
		// Customers' keys do nothing on another tab.
		await screen.press('2', 'n', '1');
		expect(screen.frame()).not.toContain('New customer');
	});

	it('shows in the footer only the keys that work now, and the same keys in the help overlay', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file);
		expect(footer(screen.frame())).toContain('d delete');
		expect(footer(screen.frame())).not.toContain('restore');
		await screen.press('?');
		const help = screen.frame();
		expect(help).toContain('Keys (Esc or ? closes');
		expect(lineWith(help, 'Restore the selected')).toBeUndefined();
		expect(lineWith(help, 'Delete the selected customer')).toMatch(/^d\s+Delete/);
		expect(lineWith(help, 'Move down')).toMatch(/^j ↓\s+Move down/);
		expect(lineWith(help, 'Quit from anywhere')).toMatch(/^Ctrl-C\s+/);
		expect(footer(help)).toContain('Esc close help');
		// Keys of the screen below are not active while the overlay is open.
		await screen.press('n');
		expect(screen.frame()).toContain('Keys (Esc or ? closes');
		await screen.press('esc');
		expect(screen.frame()).toContain('Anna Kowalski');
		await screen.press('e');
		expect(footer(screen.frame())).toMatch(/Ctrl-S save\s+Esc leave/);
		expect(footer(screen.frame())).not.toContain('quit');
	});

	it('scrolls the help overlay when it is taller than the terminal', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file, {columns: 80, rows: 24});
		await screen.press('?');
		expect(screen.frame()).toContain('j/k scroll');
		expect(screen.frame()).toMatch(/… \d+ more below/);
		expect(screen.frame()).not.toContain('Quit from anywhere');
		for (let step = 0; step < 30; step++) await screen.press('j');
		expect(screen.frame()).toContain('Quit from anywhere');
		expect(screen.frame()).not.toContain('more below');
		expect(screen.frame().split('\n')).toHaveLength(23);
	});

	it('asks for a larger terminal below 80×24 and redraws on resize', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file, {columns: 100, rows: 30});
		expect(screen.frame().split('\n')).toHaveLength(29);
		await screen.resize(70, 20);
		expect(screen.frame()).toContain('Terminal too small: 70×20, the desk needs at least 80×24.');
		expect(screen.frame()).not.toContain('Anna Kowalski');
		expect(screen.frame().split('\n')).toHaveLength(19);
		await screen.resize(120, 40);
		expect(screen.frame()).toContain('Anna Kowalski');
		expect(screen.frame().split('\n')).toHaveLength(39);
		expect(Math.max(...screen.frame().split('\n').map(line => line.length))).toBeLessThanOrEqual(120);
	});

	it('does not let q on the too-small screen drop a form with changes not saved; without one, q quits', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}]);
		const screen = await renderDesk(db, file, {columns: 100, rows: 30});
		await screen.press('n');
		await screen.type('Unsaved Person');
		await screen.resize(70, 20);
		await screen.press('q');
		// Still here, saying why (the line wraps in 70 columns).
		expect(screen.frame().replace(/\s+/g, ' ')).toContain('A form has changes not saved: enlarge the window to save or leave it (Ctrl+C quits and drops them).');
		await screen.resize(100, 30);
		expect(screen.frame()).toContain('Unsaved Person');
		await screen.press('esc');
		await screen.waitFor('Leave and drop your changes?');
		await screen.press('y');
		await screen.waitFor('Anna Kowalski');
		await screen.resize(70, 20);
		expect(screen.frame()).toContain('Enlarge the window, or press q to quit.');
		await screen.press('q');
		expect(await screen.exited).toBe('exited');
	});

	it('shows changes made by another process without a key press', async () => {
		const {db, file} = tempDatabase();
		const [id] = (await addCustomers(db, [{name: 'Anna Kowalski'}]));
		const screen = await renderDesk(db, file);
		const other = openOpsdesk(file);
		try {
			await createCustomer(dbOf(other), {name: 'Bruno Nowak'});
			await updateCustomer(dbOf(other), id!, {company: 'Renamed Ltd'});
		} finally {
			other.close();
		}
		const frame = await screen.waitFor(text => text.includes('Bruno Nowak') && text.includes('Renamed Ltd'));
		expect(frame).toContain('Anna Kowalski');
	});

	it('marks the selection with a › and inverse video also without colour', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}, {name: 'Bruno Nowak'}]);
		const screen = await renderDesk(db, file, {color: false});
		expect(lineWith(screen.frame(), 'Anna Kowalski')).toMatch(/^› /);
		expect(lineWith(screen.frame(), 'Bruno Nowak')).toMatch(/^ {2}/);
	});

	it('quits on q and on Ctrl-C', async () => {
		const {db, file} = tempDatabase();
		const first = await renderDesk(db, file);
		await first.press('q');
		expect(await first.exited).toBe('exited');
		const second = await renderDesk(db, file);
		await second.press('/');
		await second.type('q');
		await second.press('ctrl+c');
		expect(await second.exited).toBe('exited');
	});

	it('shows a user error in the status line but ends the desk on a bug', async () => {
		const {db, file} = tempDatabase();
		const keys = keyTable([
			{id: 'refuse', keys: ['x'], label: 'refuse', help: 'Throws a user error'},
			{id: 'bug', keys: ['z'], label: 'bug', help: 'Throws a bug'},
		]);
		function Faulty() {
			const track = useTrackedWork();
			const {report} = useDesk();
			useKeyLayer('Faulty', keys, {
				refuse: () => {
					track(updateCustomer(dbOf(db), 999, {name: 'x'})).catch(report);
				},
				bug: () => {
					throw new TypeError('undefined is not a function');
				},
			});
			return <Text>faulty screen</Text>;
		}
		const tabs: DeskTab[] = [{key: '1', title: 'Faulty', component: Faulty}];
		const screen = await renderDesk(db, file, {tabs});
		await screen.press('x');
		expect(screen.frame()).toContain('error: no customer #999');
		await screen.press('z');
		const outcome = await screen.exited;
		expect(outcome).toBeInstanceOf(TypeError);
	});

	it('has a tab for Customers, Robots and Reports on keys 1, 2 and 3', () => {
		expect(deskTabs.map(tab => `${tab.key} ${tab.title}`)).toEqual(['1 Customers', '2 Robots', '3 Reports']);
	});

	it('takes a paste on the list as text, not as commands: it says where a paste can go and does nothing else', async () => {
		const {db, file} = tempDatabase();
		await addCustomers(db, [{name: 'Anna Kowalski'}, {name: 'Bruno Nowak'}]);
		const screen = await renderDesk(db, file);
		await screen.write(pasteBytes('dy?nq'));
		const frame = screen.frame();
		expect(frame).toContain('Pasted text goes into a text field');
		expect(frame).toContain('Anna Kowalski');
		expect(frame).toContain('Bruno Nowak');
		expect(frame).not.toContain('New customer');
		expect(await Promise.race([screen.exited, new Promise(resolve => setTimeout(() => resolve('running'), 50))])).toBe('running');
	});
});

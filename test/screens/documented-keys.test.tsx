import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {KeyRegistry} from '../../source/keys/registry.js';
import {keyBlockPattern, withKeyTables} from '../../source/keys/key-docs.js';
import {documentedKeys} from '../../source/key-catalog.js';
import {deskTabs} from '../../source/app-tabs.js';
import {enqueueRobot} from '../../source/robot/enqueue.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {createOrder} from '../../source/orders/orders.js';
import {dbOf, tempDatabase} from '../support/temp-db.js';
import {addCustomers, renderDesk} from './desk-harness.js';

/**
 * README documents every key, from the key tables themselves (source/key-catalog.ts). This
 * walks the desk through every screen, form field, dialog and tab and checks that each
 * key it answers to there is in README, with the same sentence; and that README's tables
 * are exactly what the tables say.
 */

const readme = fs.readFileSync('README.md', 'utf8');
const documented = Object.values(documentedKeys).flatMap(table => table.map(binding => ({keys: binding.keys, help: binding.help, line: `${binding.keys.join(' ')} → ${binding.help}`})));

describe('README key tables', () => {
	it('are exactly the key tables the desk runs on (npm run readme-keys writes them)', () => {
		expect(withKeyTables(readme, documentedKeys), 'README differs from the key tables: run `npm run readme-keys`').toBe(readme);
		const blocks = [...readme.matchAll(keyBlockPattern)].map(match => match[1]);
		expect(new Set(blocks)).toEqual(new Set(Object.keys(documentedKeys)));
	});

	it('list every key the desk answers to on every screen, and the desk keys work on every tab', async () => {
		const {db, file} = tempDatabase();
		const [anna] = await addCustomers(db, [{name: 'Anna Kowalski', address: 'ul. Długa 5'}, {name: 'Bruno Nowak'}]);
		await createOrder(dbOf(db), {customer_id: anna!, amount: 12_50, currency: 'EUR'});
		await addInteraction(dbOf(db), anna!, {kind: 'call', subject: 'First call', body: 'Long\nbody'});
		await enqueueRobot(openJobQueue(dbOf(db)), dbOf(db), {file: 'fixtures/robots/mark-active.yaml', customerIds: [anna!]});
		const registry = new KeyRegistry();
		const screen = await renderDesk(db, file, {registry, columns: 120, rows: 40});
		const seen = new Set<string>();
		const check = (where: string) => {
			for (const layer of registry.activeLayers()) {
				for (const binding of layer.bindings) {
					// A key a higher layer takes is left out here (in a text field ? types, F1 is
					// help): what reaches the binding must be among the keys README lists for it.
					const line = documented.find(entry => entry.help === binding.help && binding.keys.every(key => entry.keys.includes(key)));
					expect(line, `${where}: ${layer.title} binds ${binding.keys.join(' ')} → ${binding.help}, which README does not list`).toBeDefined();
					seen.add(line!.line);
				}
			}
		};
		const deskKeysWork = (tab: string) => {
			for (const key of ['q', '?', 'f1', 'tab', 'shift+tab', ...deskTabs.map(deskTab => deskTab.key)]) {
				expect({tab, key, layer: registry.layerFor(key)}).toEqual({tab, key, layer: 'Desk'});
			}
		};

		const visits: Array<[string, string[]]> = [
			['the customers list', []],
			['the search field', ['/']],
			['the list with a search kept', ['a', 'enter']],
			['the save-segment form', ['S']],
			['the segment picker', ['esc', 'v']],
			['a customer', ['esc', 'enter']],
			['an order', ['enter']],
			['an interaction', ['esc', 'j', 'enter']],
			['the history', ['esc', 'h']],
			['a delete question', ['esc', 'd']],
			['the edit form (a text field)', ['n', 'e']],
			['a text area', ['tab', 'tab', 'tab', 'tab']],
			['a picker', ['tab', 'tab', 'tab']],
			['the leave question', ['tab', 'x', 'esc']],
			['the help overlay in a form', ['n', 'f1']],
			['the interaction form', ['esc', 'esc', 'y', 'i']],
			['the robot picker', ['esc', 'esc', 'R']],
			['the Duplicates view', ['esc', 'esc', 'D']],
			['the Robots tab', ['esc', '2']],
			['a job', ['enter']],
			['the cancel question', ['x']],
			['the schedules, triggers and batches', ['n', 'esc', 'a']],
			['the Reports tab', ['3']],
			['the help overlay', ['?']],
		];
		const titles: string[] = [];
		for (const [where, keys] of visits) {
			await screen.press(...keys);
			titles.push(registry.activeLayers()[0]!.title);
			check(where);
			if (where === 'the customers list' || where === 'the Robots tab' || where === 'the Reports tab') deskKeysWork(where);
		}
		// The walk went where it says (the top layer of each visit).
		expect(titles).toEqual([
			'Customers', 'Editing text', 'Customers', 'Editing text', 'Segments', 'Customer', 'Order', 'Interaction', 'History', 'Confirm', 'Editing text', 'Editing text',
			'Choice', 'Confirm', 'Help', 'Choice', 'Robots', 'Duplicates', 'Robots', 'Job', 'Confirm', 'Schedules', 'Reports', 'Help',
		]);
		// The walk reached the keys of every table README documents.
		const reached = Object.entries(documentedKeys).filter(([, table]) => table.some(binding => seen.has(`${binding.keys.join(' ')} → ${binding.help}`))).map(([name]) => name);
		expect(reached.sort()).toEqual(Object.keys(documentedKeys).filter(name => name !== 'conflict').sort());
	});
});

import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {freshCli, terminalAttack} from './cli-fixture.js';

// Clear the screen, set the clipboard (OSC 52), a C1 CSI, a bidi override, NUL and DEL.
const evilName = 'Evil \u001b[2J\u001b]52;c;ZWNobyBwd25lZA==\u0007 \u009b31m \u202eenil\u0000x\u007f';
const evilNotes = 'first line\n\tindented \u001b]0;retitled\u0007\nlast';

/**
 * Data that got in before input was checked (an older opsdesk, a tool writing the file):
 * put straight into the database, as an attacker upstream would have.
 */
function plantHostileData(file: string): void {
	const db = new Database(file);
	db.prepare('UPDATE customers SET name = ?, company = ?, notes = ?, tags = ? WHERE id = 1')
		.run(evilName, 'Corp\u009d0;x\u009c', evilNotes, JSON.stringify(['vip\u001b[5m']));
	db.prepare('UPDATE interactions SET subject = ?, body = ?, actor = ? WHERE id = 1').run('Hi \u001b[31mred', 'body \u001b[2J', 'robot\u0007');
	db.prepare('UPDATE orders SET number = ?, note = ? WHERE id = 1').run('SO-\u001b[1m1', 'note \u202e\u001b]8;;http://x\u0007link');
	db.close();
}

describe('plain-text output cannot attack the terminal reading it', () => {
	it('shows every control, C1 and bidi character visibly in lists, show, history, interactions, orders, report and confirmations', async () => {
		const {db, run} = freshCli();
		expect((await run('customers', 'add', '--name', 'Plain', '--email', 'plain@example.com')).code).toBe(0);
		expect((await run('interactions', 'add', '1', '--kind', 'call', '--subject', 'hello')).code).toBe(0);
		expect((await run('orders', 'add', '--customer', '1', '--amount', '10', '--status', 'paid')).code).toBe(0);
		plantHostileData(db);
		const outputs = [
			await run('customers', 'list'),
			await run('customers', 'list', '--status', 'lead', '--limit', '0'),
			await run('customers', 'show', '1'),
			await run('interactions', 'list', '1'),
			await run('orders', 'list'),
			await run('orders', 'show', '1'),
			await run('report'),
			await run('customers', 'delete', '1'),
			await run('customers', 'restore', '1'),
			// Cleaning the record up records the hostile old values in the history.
			await run('customers', 'edit', '1', '--name', 'Renamed', '--company', 'Clean', '--notes', '', '--tags', ''),
			await run('customers', 'history', '1'),
		];
		for (const output of outputs) {
			expect(output.code, output.stderr).toBe(0);
			expect(output.stdout).not.toMatch(terminalAttack);
			expect(output.stderr).not.toMatch(terminalAttack);
		}
		const [list, , show, interactions, orders, order, report, deleted, , , history] = outputs;
		expect(list!.stdout).toContain('Evil ␛[2J');
		expect(show!.stdout).toContain('Evil ␛[2J␛]52;c;ZWNobyBwd25lZA==␇ <U+009B>31m <U+202E>enil␀x␡');
		// Notes keep their line breaks and tab; the escape inside is shown.
		expect(show!.stdout).toMatch(/notes\s+first line\n\s+\tindented ␛\]0;retitled␇\n\s+last\n/);
		expect(interactions!.stdout).toContain('Hi ␛[31mred');
		expect(orders!.stdout).toContain('SO-␛[1m1');
		expect(order!.stdout).toContain('note <U+202E>␛]8;;http://x␇link');
		expect(report!.stdout).toContain('Evil ␛[2J');
		expect(history!.stdout).toContain('Evil ␛[2J');
		expect(history!.stdout).toContain('vip␛[5m');
		expect(deleted!.stderr).toMatch(/^deleted customer #1 Evil ␛\[2J/);
	});

	it('refuses to store an edit while another field still holds such characters, naming that field', async () => {
		const {db, run} = freshCli();
		await run('customers', 'add', '--name', 'Plain');
		await run('interactions', 'add', '1', '--kind', 'note', '--subject', 'x');
		await run('orders', 'add', '--customer', '1', '--amount', '1');
		plantHostileData(db);
		const before = JSON.parse((await run('customers', 'show', '1', '--json')).stdout) as unknown;
		const result = await run('customers', 'edit', '1', '--city', 'Oslo');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^opsdesk customers edit: name: contains ESC \(U\+001B\)/);
		expect(JSON.parse((await run('customers', 'show', '1', '--json')).stdout)).toEqual(before);
	});

	it('keeps --json exact: the same characters, escaped only as JSON escapes them', async () => {
		const {db, run} = freshCli();
		await run('customers', 'add', '--name', 'Plain');
		await run('interactions', 'add', '1', '--kind', 'note', '--subject', 'x');
		await run('orders', 'add', '--customer', '1', '--amount', '1');
		plantHostileData(db);
		const shown = JSON.parse((await run('customers', 'show', '1', '--json')).stdout) as {name: string; notes: string; tags: string[]};
		expect(shown).toMatchObject({name: evilName, notes: evilNotes, tags: ['vip\u001b[5m']});
		const listed = JSON.parse((await run('customers', 'list', '--json')).stdout) as Array<{name: string}>;
		expect(listed[0]!.name).toBe(evilName);
		const interactions = JSON.parse((await run('interactions', 'list', '1', '--json')).stdout) as Array<{subject: string; body: string}>;
		expect(interactions[0]).toMatchObject({subject: 'Hi \u001b[31mred', body: 'body \u001b[2J'});
		const order = JSON.parse((await run('orders', 'show', '1', '--json')).stdout) as {number: string; note: string};
		expect(order).toMatchObject({number: 'SO-\u001b[1m1', note: 'note \u202e\u001b]8;;http://x\u0007link'});
		// JSON itself escapes C0 controls; nothing else touched them.
		expect((await run('customers', 'show', '1', '--json')).stdout).toContain('Evil \\u001b[2J');
	});

	it('never echoes a hostile or huge value raw in an error message', async () => {
		const {run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		const huge = `9${'\u001b[2J'.repeat(200_000)}`;
		for (const args of [
			['orders', 'add', '--customer', '1', '--amount', huge],
			['customers', 'show', huge],
			['customers', 'list', '--limit', huge],
			['customers', 'list', '--status', huge],
			['report', '--from', huge],
		]) {
			const result = await run(...args);
			expect(result.code, result.stderr.slice(0, 200)).toBeGreaterThan(0);
			expect(result.stderr).not.toMatch(terminalAttack);
			expect(result.stderr.length).toBeLessThan(1000);
		}
	});
});

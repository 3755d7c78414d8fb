import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {opsdesk as runCommandLine} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import type {Engine} from '../../source/store/target.js';

const customerKeys = ['id', 'name', 'company', 'email', 'phone', 'address', 'city', 'country', 'status', 'tags', 'notes', 'created_at', 'updated_at', 'deleted_at', 'version'];

/** The CLI against a fresh database (a file, or a PostgreSQL database), run in this process. */
async function opsdesk(engine: Engine) {
	const db = await tempDatabaseTarget(engine);
	return (...args: string[]) => runCommandLine([...args, '--db', db]);
}

/** One clear line, never a stack trace. */
function expectOneCalmLine(stderr: string, pattern: RegExp) {
	expect(stderr).toMatch(pattern);
	expect(stderr).not.toMatch(/\n\s+at /);
}

describe.each(engines)('opsdesk customers on %s', engine => {
	it('adds a customer, printing its id, and shows it as JSON with every field', async () => {
		const run = await opsdesk(engine);
		const added = await run('customers', 'add', '--name', 'Amélie Laurent', '--email', 'amelie@example.fr', '--tags', 'vip; retail', '--address', '12 rue des Martyrs\nBâtiment B', '--status', 'active');
		expect(added).toMatchObject({code: 0, stdout: '1\n', stderr: 'added customer #1 Amélie Laurent\n'});
		const shown = await run('customers', 'show', '1', '--json');
		expect(shown.code).toBe(0);
		const customer = JSON.parse(shown.stdout) as Record<string, unknown>;
		expect(Object.keys(customer)).toEqual(customerKeys);
		expect(customer).toMatchObject({id: 1, name: 'Amélie Laurent', tags: ['vip', 'retail'], address: '12 rue des Martyrs\nBâtiment B', status: 'active', deleted_at: null, version: 1});
		const human = await run('customers', 'show', '1');
		expect(human.stdout).toContain('address     12 rue des Martyrs\n            Bâtiment B\n');
	});

	it('lists as an aligned table or a JSON array, searched and filtered', async () => {
		const run = await opsdesk(engine);
		await run('customers', 'add', '--name', '王小明', '--company', '上海明光贸易有限公司', '--status', 'active');
		await run('customers', 'add', '--name', 'Zoë Ümlaut', '--email', 'zoe@example.de');
		await run('customers', 'add', '--name', 'Ben Smith', '--status', 'inactive');
		const all = await run('customers', 'list', '--json');
		expect(all.code).toBe(0);
		const customers = JSON.parse(all.stdout) as Array<Record<string, unknown>>;
		expect(customers.map(customer => customer.name)).toEqual(['Ben Smith', 'Zoë Ümlaut', '王小明']);
		expect(Object.keys(customers[0]!)).toEqual(customerKeys);
		expect(JSON.parse((await run('customers', 'list', '--search', 'zoe', '--json')).stdout)).toHaveLength(1);
		expect(JSON.parse((await run('customers', 'list', '--search', '小明', '--json')).stdout)[0].name).toBe('王小明');
		expect(JSON.parse((await run('customers', 'list', '--status', 'inactive', '--json')).stdout)[0].name).toBe('Ben Smith');
		expect(JSON.parse((await run('customers', 'list', '--search', 'nobody-like-this', '--json')).stdout)).toEqual([]);
		const limited = await run('customers', 'list', '--limit', '2');
		expect(limited.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+COMPANY\s+EMAIL/);
		expect(limited.stdout.trimEnd().split('\n')).toHaveLength(3);
		expect(limited.stderr).toMatch(/showing the first 2; more match/);
		// CJK takes two cells: the next column still lines up.
		const table = (await run('customers', 'list')).stdout.split('\n');
		const companyAt = table[0]!.indexOf('COMPANY');
		expect(table[3]!.startsWith('1   王小明')).toBe(true);
		expect(stringWidth(table[3]!.slice(0, table[3]!.indexOf('上海')))).toBe(companyAt);
	});

	it('exits 1 for usage errors and unknown customers, naming what is wrong', async () => {
		const run = await opsdesk(engine);
		for (const [args, message] of [
			[['customers', 'show', 'abc'], /ID must be a customer number such as 42 .*got "abc"/],
			[['customers', 'show'], /missing ID/],
			[['customers', 'show', '999'], /^opsdesk customers show: no customer #999\n$/],
			[['customers', 'add', '--company', 'No Name'], /missing --name/],
			[['customers', 'list', '--status', 'vip'], /--status must be one of lead, active, inactive, deleted; got "vip"/],
			[['customers', 'list', '--limit', 'ten'], /--limit must be a whole number, got "ten"/],
			[['customers', 'list', '--colour', 'red'], /unknown flag --colour/],
			[['customers', 'edit', '1'], /missing|no customer|nothing to change/],
			[['customers', 'frobnicate'], /unknown command "customers frobnicate"/],
		] as Array<[string[], RegExp]>) {
			const result = await run(...args);
			expect(result.code, args.join(' ')).toBe(1);
			expect(result.stdout, args.join(' ')).toBe('');
			expectOneCalmLine(result.stderr, message);
		}
	});

	it('exits 2 when a value is rejected, and nothing is written', async () => {
		const run = await opsdesk(engine);
		await run('customers', 'add', '--name', 'Ada', '--email', 'ada@example.com');
		for (const args of [
			['customers', 'add', '--name', ''],
			['customers', 'add', '--name', 'Bob', '--email', 'not-an-email'],
			['customers', 'add', '--name', 'Bob', '--email', 'ADA@Example.COM'],
			['customers', 'add', '--name', 'Bob', '--status', 'vip'],
			['customers', 'edit', '1', '--phone', 'call me maybe'],
		]) {
			const result = await run(...args);
			expect(result.code, args.join(' ')).toBe(2);
			expectOneCalmLine(result.stderr, /^opsdesk customers (add|edit): (name|email|status|phone): .+\n$/);
		}
		expect(JSON.parse((await run('customers', 'list', '--json')).stdout)).toHaveLength(1);
	});

	it('refuses an edit based on a stale version with exit 3, and records who changed what', async () => {
		const run = await opsdesk(engine);
		await run('customers', 'add', '--name', 'Ada', '--phone', '+44 20 1234');
		expect(await run('customers', 'edit', '1', '--phone', '+44 20 5678', '--expect-version', '1')).toMatchObject({code: 0, stderr: 'updated customer #1: phone (now version 2)\n'});
		const stale = await run('customers', 'edit', '1', '--phone', '+44 20 9999', '--expect-version', '1');
		expect(stale.code).toBe(3);
		expectOneCalmLine(stale.stderr, /customer #1 was changed elsewhere \(version 2, this edit is based on 1\)/);
		expect(JSON.parse((await run('customers', 'show', '1', '--json')).stdout).phone).toBe('+44 20 5678');
		const history = JSON.parse((await run('customers', 'history', '1', '--json')).stdout) as Array<Record<string, unknown>>;
		expect(history).toEqual([expect.objectContaining({field: 'phone', old_value: '+44 20 1234', new_value: '+44 20 5678', actor: 'operator'})]);
		expect((await run('customers', 'history', '1')).stdout).toMatch(/^AT\s+BY\s+FIELD\s+OLD\s+NEW\n.*operator\s+phone\s+\+44 20 1234\s+\+44 20 5678\n$/);
	});

	it('deletes softly and restores', async () => {
		const run = await opsdesk(engine);
		await run('customers', 'add', '--name', 'Ada', '--email', 'ada@example.com');
		expect(await run('customers', 'delete', '1')).toMatchObject({code: 0, stderr: 'deleted customer #1 Ada (undo: opsdesk customers restore 1)\n'});
		expect(JSON.parse((await run('customers', 'list', '--json')).stdout)).toEqual([]);
		expect(JSON.parse((await run('customers', 'list', '--status', 'deleted', '--json')).stdout)[0].name).toBe('Ada');
		expect(JSON.parse((await run('customers', 'show', '1', '--json')).stdout).deleted_at).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect((await run('customers', 'edit', '1', '--name', 'Ada L')).code).toBe(1);
		expect(await run('customers', 'restore', '1')).toMatchObject({code: 0, stderr: 'restored customer #1 Ada\n'});
		expect(JSON.parse((await run('customers', 'list', '--json')).stdout)[0]).toMatchObject({name: 'Ada', deleted_at: null});
	});
});

describe.each(engines)('opsdesk interactions on %s', engine => {
	it('logs interactions and lists them newest first', async () => {
		const run = await opsdesk(engine);
		await run('customers', 'add', '--name', 'Ada');
		expect(await run('interactions', 'add', '1', '--kind', 'call', '--subject', 'Intro call')).toMatchObject({code: 0, stdout: '1\n'});
		expect((await run('interactions', 'add', '1', '--kind', 'email', '--subject', 'Quote', '--body', 'Price list\nattached', '--direction', 'in')).code).toBe(0);
		const listed = JSON.parse((await run('interactions', 'list', '1', '--json')).stdout) as Array<Record<string, unknown>>;
		expect(listed.map(entry => [entry.kind, entry.direction, entry.subject])).toEqual([['email', 'in', 'Quote'], ['call', 'out', 'Intro call']]);
		expect(listed[0]).toMatchObject({customer_id: 1, body: 'Price list\nattached', actor: 'operator'});
		expect((await run('interactions', 'list', '1')).stdout).toMatch(/^ID\s+AT\s+KIND\s+DIR\s+BY\s+SUBJECT\n2 /);
	});

	it('rejects a bad kind (2), a missing flag (1) and an unknown customer (1)', async () => {
		const run = await opsdesk(engine);
		await run('customers', 'add', '--name', 'Ada');
		expect(await run('interactions', 'add', '1', '--kind', 'fax', '--subject', 'x')).toMatchObject({code: 2, stderr: 'opsdesk interactions add: kind: must be one of email, sms, call, note, ticket, robot\n'});
		expect((await run('interactions', 'add', '1', '--kind', 'call')).code).toBe(1);
		expect(await run('interactions', 'add', '7', '--kind', 'call', '--subject', 'x')).toMatchObject({code: 1, stderr: 'opsdesk interactions add: no customer #7\n'});
		expect((await run('interactions', 'list', 'x7')).stderr).toMatch(/CUSTOMER_ID must be a customer number/);
	});
});

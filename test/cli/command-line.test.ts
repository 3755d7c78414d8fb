import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {commands} from '../../source/commands/index.js';
import {flagName} from '../../source/commands/command.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {createCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {createOrder} from '../../source/orders/orders.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {opsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {contentOf, expectCalm, freshCli} from './cli-fixture.js';

/** An environment whose default database would land in a folder the test watches. */
function isolated() {
	const folder = tempFolder();
	const env = {XDG_DATA_HOME: path.join(folder, 'data'), XDG_STATE_HOME: path.join(folder, 'state'), OPSDESK_DB: ''};
	return {folder, env, defaultDatabaseCreated: () => fs.existsSync(path.join(folder, 'data'))};
}

describe('--help and --version', () => {
	it('print the command help wherever -h or --help stands, exit 0, and run nothing (not even open the database)', async () => {
		const {folder, env} = isolated();
		const db = path.join(folder, 'never.db');
		for (const command of commands) {
			const words = command.name.split(' ');
			for (const args of [[...words, '--help'], ['--help', ...words], [...words, 'x', '-h', '--db', db], ['--db', db, ...words, '-h', '--json']]) {
				const result = await opsdesk(args, {env});
				expect(result.code, args.join(' ')).toBe(0);
				expect(result.stdout.startsWith(`Usage: opsdesk ${command.usage}\n`), args.join(' ')).toBe(true);
				expect(result.stdout).toContain('--db PATH');
			}
		}
		expect(fs.readdirSync(folder)).toEqual([]);
	});

	it('customers delete 2 --help deletes nothing; a --help where a value belongs still only helps', async () => {
		const {db, run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		await run('customers', 'add', '--name', 'Bob');
		const before = contentOf(db);
		for (const args of [['customers', 'delete', '2', '--help'], ['customers', 'add', '--name', '--help'], ['customers', 'edit', '1', '--name', 'X', '-h'], ['customers', 'list', '--help']]) {
			const result = await run(...args);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/^Usage: opsdesk customers /);
			expect(result.stderr).toBe('');
		}
		expect(contentOf(db)).toEqual(before);
	});

	it('opsdesk --help, help, help COMMAND and a group list the commands; --version prints the version', async () => {
		const {env, defaultDatabaseCreated} = isolated();
		const overview = await opsdesk(['--help'], {env});
		expect(overview.code).toBe(0);
		for (const command of commands) expect(overview.stdout).toContain(`opsdesk ${command.usage}`);
		expect(overview.stdout).toMatch(/5 the database cannot do this now/);
		expect(await opsdesk(['help'], {env})).toMatchObject({code: 0, stdout: overview.stdout});
		expect((await opsdesk(['help', 'customers', 'list'], {env})).stdout).toMatch(/^Usage: opsdesk customers list /);
		const group = await opsdesk(['orders', '--help'], {env});
		expect(group.code).toBe(0);
		expect(group.stdout).toContain('opsdesk orders add');
		expect(group.stdout).not.toContain('opsdesk customers add');
		for (const args of [['--version'], ['customers', 'list', '--version'], ['--version', '--db', 'x.db']]) {
			expect(await opsdesk(args, {env})).toEqual({code: 0, stdout: `opsdesk ${packageJson.version}\n`, stderr: ''});
		}
		expect(defaultDatabaseCreated()).toBe(false);
	});
});

describe('flags', () => {
	it('takes global flags before the command words, as git -C or kubectl --context', async () => {
		const {folder, env} = isolated();
		const db = path.join(folder, 'first.db');
		expect((await opsdesk(['--db', db, 'customers', 'add', '--name', 'Ada'], {env})).code).toBe(0);
		expect((await opsdesk(['--wait', '0.5', `--db=${db}`, 'customers', 'list', '--json'], {env})).stdout).toMatch(/"name":"Ada"/);
		expect((await opsdesk(['customers', '--db', db, 'list', '--json'], {env})).stdout).toMatch(/"name":"Ada"/);
	});

	it('refuses an empty or missing --db, repeated and unknown flags, and badly typed values: exit 1 with the usage, nothing written, no default database', async () => {
		const {folder, env, defaultDatabaseCreated} = isolated();
		const db = path.join(folder, 'opsdesk.db');
		await opsdesk(['customers', 'add', '--name', 'Ada', '--db', db], {env});
		const before = contentOf(db);
		for (const [args, message] of [
			[['customers', 'list', '--db'], /--db needs a value/],
			[['customers', 'list', '--db='], /--db needs a value, got an empty one/],
			[['--db', '', 'customers', 'list'], /--db needs a value, got an empty one/],
			[['customers', 'add', '--name', 'Bob', '--db', db, '--db', db], /--db given more than once/],
			[['customers', 'add', '--name', 'Bob', '--name', 'Rob', '--db', db], /--name given more than once/],
			[['customers', 'add', '--name', 'Bob', '--colour', 'red', '--db', db], /unknown flag --colour/],
			[['customers', 'add', '--name', 'Bob', '-x', '--db', db], /unknown flag -x/],
			[['customers', 'add', '--name', 'Bob', '--json=yes', '--db', db], /--json takes no value/],
			[['customers', 'add', '--name', '--email', 'bob@example.com', '--db', db], /--name needs a value, got "--email"/],
			[['customers', 'list', '--limit', 'ten', '--db', db], /--limit must be a whole number, got "ten"/],
			[['customers', 'list', '--limit', '-1', '--db', db], /--limit needs a value, got "-1"/],
			[['customers', 'list', '--limit=-1', '--db', db], /--limit must be a whole number, got "-1"/],
			[['customers', 'list', '--limit', '1.5', '--db', db], /--limit must be a whole number, got "1.5"/],
			[['customers', 'list', '--limit', '9007199254740992', '--db', db], /--limit must be at most 9007199254740991/],
			[['customers', 'list', '--wait', 'soon', '--db', db], /--wait must be a number, got "soon"/],
			[['customers', 'edit', '1', '--name', 'X', '--expect-version', '0', '--db', db], /--expect-version must be at least 1/],
			[['customers', 'list', 'extra', '--db', db], /unexpected argument "extra"/],
			[['orders', 'list', '--status', 'pending', '--db', db], /--status must be one of open, won, lost, paid, refunded; got "pending"/],
		] as Array<[string[], RegExp]>) {
			const result = await opsdesk(args, {env});
			expectCalm(result, 1, message);
			expect(result.stderr, args.join(' ')).toMatch(/\nUsage: opsdesk /);
			expect(result.stdout).toBe('');
		}
		expect(contentOf(db)).toEqual(before);
		expect(defaultDatabaseCreated()).toBe(false);
	});

	it('takes ids up to 2^53 − 1 (with or without #), and refuses larger ones as usage', async () => {
		const {run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		expect((await run('customers', 'show', '#1')).code).toBe(0);
		expectCalm(await run('customers', 'show', '9007199254740991'), 1, /^opsdesk customers show: no customer #9007199254740991\n$/);
		expectCalm(await run('customers', 'show', '9007199254740992'), 1, /ID must be a customer number such as 42 \(1 to 9007199254740991\), got "9007199254740992"/);
		expectCalm(await run('orders', 'add', '--customer', '9007199254740991', '--amount', '1'), 1, /no customer #9007199254740991/);
		expectCalm(await run('orders', 'list', '--customer', '1e3'), 1, /--customer must be a customer ID/);
	});

	it('--limit 0 means every row in every listing; without --limit each says when more exist', async () => {
		const {db: file, run} = freshCli();
		const db = openOpsdesk(file);
		const customer = createCustomer(db, {name: 'Ada'});
		for (let index = 0; index < 60; index++) createCustomer(db, {name: `Customer ${index}`});
		db.transaction(() => {
			for (let index = 0; index < 1001; index++) {
				addInteraction(db, customer.id, {kind: 'note', subject: `note ${index}`});
				createOrder(db, {customer_id: customer.id, amount: index});
			}
		})();
		await openJobQueue(db).enqueue(Array.from({length: 101}, () => ({robot: 'r', robotFile: 'r.yaml', robotText: 'name: r', customerId: customer.id})));
		db.close();
		for (const [args, all, shownByDefault] of [
			[['customers', 'list'], 61, 50],
			[['orders', 'list'], 1001, 1000],
			[['interactions', 'list', '1'], 1001, 1000],
			[['jobs', 'list'], 101, 100],
		] as Array<[string[], number, number]>) {
			const every = await run(...args, '--limit', '0', '--json');
			expect(every.code, args.join(' ')).toBe(0);
			expect(JSON.parse(every.stdout), args.join(' ')).toHaveLength(all);
			const table = await run(...args, '--limit', '0');
			expect(table.stdout.trimEnd().split('\n'), args.join(' ')).toHaveLength(all + 1);
			const limited = await run(...args);
			expect(limited.stdout.trimEnd().split('\n'), args.join(' ')).toHaveLength(shownByDefault + 1);
			if (args[0] !== 'jobs') expect(limited.stderr, args.join(' ')).toMatch(/more/);
		}
	});
});

describe('nothing found is not a failure', () => {
	it('every listing on an empty database exits 0, prints no rows and says so on stderr', async () => {
		const {folder, run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		const robots = path.join(folder, 'robots');
		fs.mkdirSync(robots);
		for (const [args, message] of [
			[['customers', 'list', '--search', 'nobody'], /^no customers match\n$/],
			[['customers', 'list', '--status', 'deleted'], /^no customers match\n$/],
			[['customers', 'history', '1'], /^customer #1 has no changes yet\n$/],
			[['interactions', 'list', '1'], /^customer #1 has no interactions yet\n$/],
			[['orders', 'list'], /^no orders match\n$/],
			[['jobs', 'list'], /^the queue is empty\n$/],
			[['robot', 'list', '--robots', robots], /^no robot files in /],
		] as Array<[string[], RegExp]>) {
			expect(await run(...args), args.join(' ')).toMatchObject({code: 0, stdout: '', stderr: expect.stringMatching(message)});
			expect(await run(...args, '--json'), args.join(' ')).toMatchObject({code: 0, stdout: expect.stringMatching(/^\[\s*\]\n$/)});
		}
		const report = await run('report');
		expect(report.code).toBe(0);
		expect(report.stdout).toContain('(none)');
	});
});

describe('the desk refuses what it does not know', () => {
	it('opsdesk --dbb FILE (a typo) exits 1 with the usage, and never creates or seeds the default database', async () => {
		const {folder, env, defaultDatabaseCreated} = isolated();
		for (const [args, message] of [
			[['--dbb', path.join(folder, 'x.db')], /^opsdesk: unknown flag --dbb\nUsage: opsdesk \[--db PATH\]/],
			[['--db'], /^opsdesk: --db needs a value/],
			[['--db='], /^opsdesk: --db needs a value, got an empty one/],
			[['--fps', '0'], /^opsdesk: --fps must be at least 0.1/],
			[['--fps', 'fast'], /^opsdesk: --fps must be a number/],
			[['--json'], /^opsdesk: unknown flag --json/],
			[['frobnicate'], /^opsdesk: unknown command "frobnicate"/],
			[['customers'], /^opsdesk customers: missing command: list, add, show, edit, delete, restore, history/],
		] as Array<[string[], RegExp]>) {
			expectCalm(await opsdesk(args, {env}), 1, message);
		}
		expect(defaultDatabaseCreated()).toBe(false);
		expect(fs.readdirSync(folder)).toEqual([]);
	});
});

describe('the command table', () => {
	it('spells every flag one way: a name is a switch everywhere or takes a value everywhere', () => {
		const seen = new Map<string, string>();
		for (const command of commands) {
			for (const [key, spec] of Object.entries(command.flags)) {
				const arity = spec.type === 'boolean' ? 'switch' : 'value';
				expect(seen.get(flagName(key)) ?? arity, `--${flagName(key)} in ${command.name}`).toBe(arity);
				seen.set(flagName(key), arity);
			}
		}
		for (const global of ['db', 'wait', 'help', 'version']) expect(seen.has(global), global).toBe(false);
	});
});

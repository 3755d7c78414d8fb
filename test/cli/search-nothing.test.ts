import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import type {Store} from '../../source/store/store.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempStore} from '../support/engines.js';
import {expectCalm} from './cli-fixture.js';

const markActive = path.resolve('fixtures/robots/mark-active.yaml');
const target = (store: Store) => (store.target.engine === 'sqlite' ? store.target.file : store.target.url);

/** Nothing to search for: empty, blanks, only symbols or emoji (the tester's list and `!!!`, which said "no customers match" before). */
const nothing = ['', ' ', '  \t ', '🏢', '😀', '★', '%', '_', "'", '!!!', '🏢🏢🏢', '% _ !!!', '\u0001'];

/** Every command line that acts on the customers of a --search, with the search given. */
const commandLines = (search: string): string[][] => [
	['robot', 'enqueue', markActive, '--search', search],
	// --skip-pending takes the batch path (source/commands/enqueue-batch.ts).
	['robot', 'enqueue', markActive, '--search', search, '--skip-pending'],
	['segments', 'add', 'emo', '--search', search],
	['segments', 'add', 'emo', '--search', search, '--status', 'active', '--replace'],
];

/** What could be done by mistake: jobs queued, segments saved, customers touched. */
async function everything(store: Store) {
	return {
		jobs: await store.db.selectFrom('jobs').select('id').execute(),
		segments: await store.db.selectFrom('segments').select('id').execute(),
		customers: await store.db.selectFrom('customers').select(['id', 'status', 'version']).orderBy('id').execute(),
	};
}

describe.each(engines)('--search with nothing to search for on %s', engine => {
	it('lists no one (a blank search: everyone), exit 0, as the desk shows it', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		for (const name of ['Anna Kowalski', 'Bruno Nowak', 'Chloé Dubois']) await createCustomer(store, {name, status: 'lead'});
		for (const search of nothing) {
			const blank = search.trim() === '';
			const listed = await opsdesk(['customers', 'list', '--search', search, '--json', '--limit', '0', '--db', db]);
			expect(listed.code, `${JSON.stringify(search)}: ${listed.stderr}`).toBe(0);
			expect((JSON.parse(listed.stdout) as unknown[]).length, JSON.stringify(search)).toBe(blank ? 3 : 0);
			if (!blank) expect(await opsdesk(['customers', 'list', '--search', search, '--db', db])).toMatchObject({code: 0, stdout: '', stderr: 'no customers match\n'});
		}
	});

	it('is a usage error naming the flag and the value for a command acting on the customers found, and nothing is done', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		for (const name of ['Anna Kowalski', 'Bruno Nowak', 'Chloé Dubois']) await createCustomer(store, {name, status: 'lead'});
		const before = await everything(store);
		for (const search of nothing) {
			for (const args of commandLines(search)) {
				const result = await opsdesk([...args, '--db', db]);
				// Control characters are shown as their Control Pictures (source/text/visible.ts).
				const shown = `"${search.replaceAll('\t', '␉').replaceAll('\u0001', '␁')}"`;
				expectCalm(result, 1, new RegExp(`^opsdesk ${args[0]} ${args[1]}: --search ${escape(shown)}: nothing to search for: give letters or digits\\nUsage: opsdesk ${args[0]} ${args[1]} `));
				expect(result.stdout, `${args.join(' ')}`).toBe('');
			}
		}
		expect(await everything(store)).toEqual(before);
	});

	it('a search with letters or digits still works on each, symbols and all', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		await createCustomer(store, {name: 'Anna Kowalski', company: '🏢 Tower', status: 'lead'});
		await createCustomer(store, {name: 'Bruno Nowak!!!', status: 'lead'});
		const listed = await opsdesk(['customers', 'list', '--search', 'nowak!!!', '--json', '--db', db]);
		expect(listed.code, listed.stderr).toBe(0);
		expect((JSON.parse(listed.stdout) as Array<{name: string}>).map(customer => customer.name)).toEqual(['Bruno Nowak!!!']);
		// A word of symbols beside a real one is left out, as a short one always was.
		expect(JSON.parse((await opsdesk(['customers', 'list', '--search', 'tower 🏢 !!!', '--json', '--db', db])).stdout)).toHaveLength(1);
		expect(await opsdesk(['customers', 'list', '--search', 'nobody', '--db', db])).toMatchObject({code: 0, stderr: 'no customers match\n'});
		// Found no one: an answer, exit 0, saying so; nothing queued, no batch made.
		for (const extra of [[], ['--skip-pending'], ['--json']]) {
			const none = await opsdesk(['robot', 'enqueue', markActive, '--search', 'nobody', ...extra, '--db', db]);
			expect(none, extra.join(' ')).toMatchObject({code: 0, stderr: 'no customer matches "nobody"; nothing queued\n'});
		}
		expect(await everything(store)).toMatchObject({jobs: [], segments: []});
		expect(await store.db.selectFrom('batches').select('id').execute()).toEqual([]);
		const queued = await opsdesk(['robot', 'enqueue', markActive, '--search', 'anna', '--db', db]);
		expect(queued.code, queued.stderr).toBe(0);
		expect(queued.stderr).toBe('queued 1 job of robot mark-active\n');
		const saved = await opsdesk(['segments', 'add', 'towers', '--search', ' tower ', '--db', db]);
		expect(saved.code, saved.stderr).toBe(0);
		expect(saved.stderr).toBe('saved segment towers: search "tower" (1 customer now)\n');
	});

	it('the search limits still come first, with their own exit code', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		expectCalm(await opsdesk(['robot', 'enqueue', markActive, '--search', '!'.repeat(257), '--db', db]), 2, /^opsdesk robot enqueue: search: is 257 characters long/);
		expectCalm(await opsdesk(['robot', 'enqueue', markActive, '--search', Array.from({length: 33}, (_, index) => `w${index}`).join(' '), '--db', db]), 2, /search: has 33 words/);
		expectCalm(await opsdesk(['segments', 'add', 'long', '--search', 'a'.repeat(257), '--db', db]), 2, /search: is 257 characters long/);
		expect(await everything(store)).toEqual({jobs: [], segments: [], customers: []});
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

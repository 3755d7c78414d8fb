import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';

describe.each(engines)('a merged customer, on %s', engine => {
	it('is not brought back by restore (exit 3, nothing changed): undoing the merge is the way back', async () => {
		const db = await tempDatabaseTarget(engine);
		const run = (...args: string[]) => opsdesk([...args, '--db', db]);
		expect((await run('customers', 'add', '--name', 'Anna Müller', '--email', 'anna@acme.example')).code).toBe(0);
		expect((await run('customers', 'add', '--name', 'Anna Mueller', '--phone', '+49 30 1234567', '--no-dup-check')).code).toBe(0);
		expect((await run('orders', 'add', '--customer', '2', '--amount', '10')).code).toBe(0);
		expect((await run('customers', 'merge', '1', '2')).code).toBe(0);
		const before = (await run('customers', 'show', '2', '--json')).stdout;

		const restored = await run('customers', 'restore', '2');
		expect(restored.code).toBe(3);
		expect(restored.stderr).toContain('customer #2 was merged into #1; bring it back by undoing that merge (opsdesk merges undo 1)');
		expect((await run('customers', 'show', '2', '--json')).stdout).toBe(before);

		expect((await run('merges', 'undo', '1')).code).toBe(0);
		const back = JSON.parse((await run('customers', 'show', '2', '--json')).stdout) as {deleted_at: string | null};
		expect(back.deleted_at).toBeNull();
		expect((JSON.parse((await run('orders', 'list', '--customer', '2', '--json')).stdout) as unknown[]).length).toBe(1);
	});
});

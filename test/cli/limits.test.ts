import {describe, expect, it} from 'vitest';
import {contentOf, expectCalm, freshCli} from './cli-fixture.js';

describe('bounded inputs', () => {
	it('caps a search at 32 words and 256 characters, saying so; searches up to the cap work', async () => {
		const {run} = freshCli();
		await run('customers', 'add', '--name', 'Ada Lovelace', '--company', 'Analytical Engines');
		const words = (count: number, length = 6) => Array.from({length: count}, (_, index) => `w${String(index).padStart(length - 1, '0')}`).join(' ');
		expectCalm(await run('customers', 'list', '--search', words(33)), 2, /^opsdesk customers list: search: has 33 words; a search takes at most 32 words and 256 characters/);
		expectCalm(await run('customers', 'list', '--search', words(996)), 2, /at most 256 characters and 32 words/);
		expectCalm(await run('customers', 'list', '--search', 'a'.repeat(257)), 2, /search: is 257 characters long; a search takes at most 256 characters/);
		// At the cap: many terms, and one long word of 254 trigrams, answer normally.
		expect(await run('customers', 'list', '--search', words(32, 7))).toMatchObject({code: 0, stderr: 'no customers match\n'});
		expect(await run('customers', 'list', '--search', 'x'.repeat(256))).toMatchObject({code: 0, stderr: 'no customers match\n'});
		expect((await run('customers', 'list', '--search', `${'a '.repeat(30)}lovelace analytical`, '--json')).stdout).toMatch(/Ada Lovelace/);
	});

	it('reports cover the years 1970 to 9999: the last day counts, later or earlier dates are refused at once', async () => {
		const {db, run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		expect((await run('orders', 'add', '--customer', '1', '--amount', '12.34', '--status', 'paid', '--placed', '9999-12-31')).code).toBe(0);
		const last = await run('report', '--from', '9999-01-01', '--to', '9999-12-31', '--json');
		expect(last.code, last.stderr).toBe(0);
		const report = JSON.parse(last.stdout) as {revenue_by_month: Array<{month: string; revenue: number}>; top_customers: Array<{revenue: number}>};
		expect(report.revenue_by_month.map(row => [row.month, row.revenue]).slice(-2)).toEqual([['9999-11', 0], ['9999-12', 1234]]);
		expect(report.top_customers).toEqual([expect.objectContaining({revenue: 1234})]);
		expect((await run('report', '--from', '9999-12-31', '--to', '9999-12-31')).code).toBe(0);
		expect((await run('report', '--from', '1970-01-01', '--to', '9999-12-31', '--json')).code).toBe(0);
		const before = contentOf(db);
		expectCalm(await run('report', '--from', '1969-12-31'), 2, /^opsdesk report: from: 1969-12-31 is outside the years a report covers \(1970-01-01 to 9999-12-31\)/);
		expectCalm(await run('report', '--from', '10000-01-01'), 2, /^opsdesk report: from: "10000-01-01" is not a date/);
		expectCalm(await run('report', '--to', '0999-01-01'), 2, /^opsdesk report: to: 0999-01-01 is outside the years/);
		expect(contentOf(db)).toEqual(before);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {validateCustomerFieldsAll} from '../../source/customers/customer-validation.js';
import {contentOf, expectCalm, freshCli} from './cli-fixture.js';

const refused = [
	['ESC', '\u001b[2J', /ESC \(U\+001B\)/],
	['NUL', 'a\u0000b', /NUL \(U\+0000\)/],
	['BEL', 'a\u0007', /BEL \(U\+0007\)/],
	['C1 CSI', 'a\u009b31m', /the control character U\+009B/],
	['DEL', 'a\u007f', /DEL \(U\+007F\)/],
	['right-to-left override', 'evil\u202eexe.txt', /the bidi control U\+202E/],
	['first strong isolate', 'a\u2068b', /the bidi control U\+2068/],
] as const;

describe('one-line fields refuse control characters; multi-line fields keep only line breaks and tabs', () => {
	it('refuses them in every customer field on add and edit (exit 2, naming the field) and writes nothing', async () => {
		const {db, run} = freshCli();
		expect((await run('customers', 'add', '--name', 'Ada', '--email', 'ada@example.com')).code).toBe(0);
		const before = contentOf(db);
		for (const [what, text, message] of refused) {
			for (const field of ['name', 'company', 'email', 'phone', 'city', 'country', 'tags', 'address', 'notes']) {
				const value = field === 'email' ? `x${text}@example.com` : `x${text}`;
				const added = await run('customers', 'add', ...(field === 'name' ? [] : ['--name', 'Bob']), `--${field}`, value);
				expectCalm(added, 2, new RegExp(`^opsdesk customers add: ${field}: contains ${message.source}`));
				const edited = await run('customers', 'edit', '1', `--${field}`, value);
				expect(edited.code, `${what} in ${field}`).toBe(2);
				expect(edited.stderr).toMatch(new RegExp(`^opsdesk customers edit: ${field}: `));
			}
		}
		// A tab and a line break are one-line fields' problems too.
		expectCalm(await run('customers', 'add', '--name', 'Tab\tName'), 2, /^opsdesk customers add: name: contains TAB \(U\+0009\)/);
		expectCalm(await run('customers', 'add', '--name', 'Bob', '--city', 'Line\nBreak'), 2, /^opsdesk customers add: city: must be on one line/);
		expect(contentOf(db)).toEqual(before);
	});

	it('keeps line breaks and tabs in address and notes, exactly', async () => {
		const {run} = freshCli();
		const added = await run('customers', 'add', '--name', 'Ada', '--address', '1 Main St\r\nFlat 2\n\tRear', '--notes', 'a\tb\nc', '--json');
		expect(added.code, added.stderr).toBe(0);
		expect(JSON.parse(added.stdout)).toMatchObject({address: '1 Main St\r\nFlat 2\n\tRear', notes: 'a\tb\nc'});
	});

	it('clears a field with an empty value: --notes ""', async () => {
		const {run} = freshCli();
		await run('customers', 'add', '--name', 'Ada', '--notes', 'call back on Monday', '--company', 'Analytical');
		expect(await run('customers', 'edit', '1', '--notes', '')).toMatchObject({code: 0, stderr: 'updated customer #1: notes (now version 2)\n'});
		expect(JSON.parse((await run('customers', 'show', '1', '--json')).stdout)).toMatchObject({notes: '', company: 'Analytical', version: 2});
	});

	it('refuses them in interactions and orders too', async () => {
		const {db, run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		const before = contentOf(db);
		expectCalm(await run('interactions', 'add', '1', '--kind', 'call', '--subject', 'hi \u001b[2J'), 2, /^opsdesk interactions add: subject: contains ESC/);
		expectCalm(await run('interactions', 'add', '1', '--kind', 'call', '--subject', 'hi', '--body', 'x\u009b'), 2, /^opsdesk interactions add: body: contains the control character U\+009B/);
		expectCalm(await run('orders', 'add', '--customer', '1', '--amount', '5', '--number', 'SO-\u202e1'), 2, /^opsdesk orders add: number: contains the bidi control U\+202E/);
		expectCalm(await run('orders', 'add', '--customer', '1', '--amount', '5', '--note', 'x\u0007'), 2, /^opsdesk orders add: note: contains BEL/);
		expect(contentOf(db)).toEqual(before);
		expect((await run('interactions', 'add', '1', '--kind', 'note', '--subject', 'multi', '--body', 'line one\n\tline two')).code).toBe(0);
		expect((await run('orders', 'add', '--customer', '1', '--amount', '5', '--note', 'two\nlines')).code).toBe(0);
	});

	it('is the same check the desk and imports use', async () => {
		const check = validateCustomerFieldsAll({name: 'Ada\u001b[2J', company: 'ok', city: 'Oslo\u0085'});
		expect(check).toEqual({ok: false, errors: {name: expect.stringMatching(/^contains ESC/), city: expect.stringMatching(/^contains the control character U\+0085/)}});
		const {folder, db, run} = freshCli();
		const file = path.join(folder, 'in.csv');
		fs.writeFileSync(file, 'name,email\nGood,good@example.com\n"Bad \u001b[2J",bad@example.com\n');
		const imported = await run('import', 'customers', file);
		expect(imported.code).toBe(2);
		expect(imported.stderr).toMatch(/in\.csv:3: .*ESC/);
		expect((contentOf(db).customers as Array<{name: string}>).map(customer => customer.name)).toEqual(['Good']);
	});
});

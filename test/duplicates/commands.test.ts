import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

async function desk(engine: (typeof engines)[number]) {
	const folder = tempFolder();
	const db = await tempDatabaseTarget(engine);
	return {folder, run: (...args: string[]) => opsdesk([...args, '--db', db], {cwd: folder})};
}

describe.each(engines)('duplicates and merges on the command line, on %s', engine => {
	it('warns about a likely duplicate when adding or importing, lists pairs, merges and undoes', async () => {
		const session = await desk(engine);
		expect((await session.run('customers', 'add', '--name', 'Anna Müller', '--email', 'anna@acme.example', '--company', 'Acme', '--city', 'Berlin')).code).toBe(0);
		const added = await session.run('customers', 'add', '--name', 'ANNA MUELLER', '--email', 'Anna+news@Acme.example');
		expect(added.code).toBe(0);
		expect(added.stderr).toContain('warning: #2 ANNA MUELLER looks like #1 Anna Müller (');
		expect(added.stderr).toContain('merge with: opsdesk customers merge 1 2');
		const quiet = await session.run('customers', 'add', '--name', 'Anna Muller', '--email', 'anna@acme.example'.replace('anna', 'anna.m'), '--company', 'ACME GmbH', '--city', 'berlin', '--no-dup-check');
		expect(quiet.stderr).not.toContain('warning');
		fs.writeFileSync(path.join(session.folder, 'more.csv'), 'name,email,phone,country\nZoë Martin,zoe@example.com,,\nanna müller,ANNA@acme.example,,\n');
		const imported = await session.run('import', 'customers', 'more.csv');
		expect(imported.code).toBe(2);
		expect(imported.stderr).toContain('more.csv:3: duplicate email "ANNA@acme.example" (already used by customer #1)');
		fs.writeFileSync(path.join(session.folder, 'again.csv'), 'name,email\nWei Chen,wei@example.com\nAnna Müller,anna+crm@acme.example\n');
		const preview = await session.run('import', 'customers', 'again.csv', '--dry-run');
		expect(preview.code).toBe(0);
		expect(preview.stderr).toMatch(/^again\.csv:3: warning: Anna Müller looks like #1 Anna Müller \([01]\.\d\d: same email anna@acme\.example/m);
		expect(preview.stderr).toContain('2 likely duplicates of customers already here among the rows; nothing was written');
		expect(preview.stderr).not.toContain('Wei Chen looks like');
		const again = await session.run('import', 'customers', 'again.csv');
		expect(again.code).toBe(0);
		expect(again.stderr).toMatch(/again\.csv:3: warning: Anna Müller looks like #1 Anna Müller \([01]\.\d\d: same email anna@acme\.example/);
		expect(again.stderr).toContain('review them with: opsdesk duplicates');

		const listed = JSON.parse((await session.run('duplicates', '--json')).stdout) as Array<{a: {id: number}; b: {id: number}; score: number; reasons: string[]}>;
		expect(listed.map(pair => [pair.a.id, pair.b.id])).toEqual(expect.arrayContaining([[1, 2], [1, 3], [1, 6]]));
		const table = await session.run('duplicates', '--min-score', '0.99');
		expect(table.stdout.split('\n')[0]).toMatch(/^SCORE\s+KEEP\?\s+DUPLICATE\?\s+WHY$/);
		expect((await session.run('duplicates', '--min-score', '2')).code).toBe(1);

		const dry = await session.run('customers', 'merge', '1', '2', '3', '6', '--dry-run');
		expect(dry.code).toBe(0);
		expect(dry.stderr).toContain('dry run: would merge #2, #3, #6 into #1 Anna Müller');
		expect(JSON.parse((await session.run('customers', 'show', '2', '--json')).stdout).deleted_at).toBeNull();
		const merged = await session.run('customers', 'merge', '1', '2', '3', '6', '--json');
		expect(merged.code).toBe(0);
		expect(JSON.parse(merged.stdout)).toMatchObject({merge: 1, customer: {id: 1, company: 'Acme'}});
		expect(merged.stderr).toContain('undo: opsdesk merges undo 1');
		expect((await session.run('duplicates')).stderr).toMatch(/^no likely duplicates/m);
		const merges = await session.run('merges', 'list');
		expect(merges.stdout).toMatch(/^1\s+\S+\s+operator\s+#1 Anna Müller\s+#2 #3 #6\s*$/m);
		await session.run('customers', 'edit', '1', '--notes', 'edited after');
		const refused = await session.run('merges', 'undo', '1');
		expect(refused.code).toBe(3);
		expect(refused.stderr).toContain('--force');
		const undone = await session.run('merges', 'undo', '1', '--force');
		expect(undone.code).toBe(0);
		expect(JSON.parse((await session.run('customers', 'show', '2', '--json')).stdout).deleted_at).toBeNull();
		expect((await session.run('merges', 'undo', '1')).code).toBe(3);
		expect((await session.run('merges', 'undo', '9')).code).toBe(1);
		const odd = await session.run('merges', 'undo', 'last');
		expect([odd.code, odd.stderr.split('\n')[0]]).toEqual([1, 'opsdesk merges undo: ID must be a merge number such as 42 (1 to 9007199254740991), got "last"']);
		const itself = await session.run('customers', 'merge', '4', '4');
		expect([itself.code, itself.stderr.trim()]).toEqual([1, 'opsdesk customers merge: customer #4 cannot be merged into itself']);
	});

	it('leaves out a pair marked as two people, until the mark is taken off', async () => {
		const session = await desk(engine);
		await session.run('customers', 'add', '--name', 'Anna Müller', '--company', 'Acme', '--city', 'Berlin');
		await session.run('customers', 'add', '--name', 'Anna Mueller', '--company', 'ACME GmbH', '--city', 'Berlin', '--no-dup-check');
		const pairs = async () => (JSON.parse((await session.run('duplicates', '--json')).stdout) as Array<{a: {id: number}; b: {id: number}}>).map(pair => [pair.a.id, pair.b.id]);
		expect(await pairs()).toEqual([[1, 2]]);
		const marked = await session.run('duplicates', 'dismiss', '2', '1');
		expect([marked.code, marked.stderr]).toEqual([0, 'marked #1 Anna Müller and #2 Anna Mueller as two people; opsdesk duplicates leaves them out (undo: opsdesk duplicates dismiss 1 2 --undo)\n']);
		expect(await pairs()).toEqual([]);
		expect((await session.run('duplicates')).stderr).toMatch(/^no likely duplicates \(1 candidate pairs checked in [\d.]+ s; 1 pairs marked as two people left out\)$/m);
		expect((await session.run('duplicates', 'dismiss', '1', '2')).stderr).toContain('were marked as two people already');
		for (const [args, code] of [[['1', '1'], 1], [['1', '99'], 1], [['1'], 1], [['1', 'x'], 1]] as const) {
			expect((await session.run('duplicates', 'dismiss', ...args)).code, args.join(' ')).toBe(code);
		}
		const undone = await session.run('duplicates', 'dismiss', '1', '2', '--undo');
		expect(undone.stderr).toBe('#1 Anna Müller and #2 Anna Mueller may show as a pair again\n');
		expect(await pairs()).toEqual([[1, 2]]);
		expect((await session.run('duplicates', 'dismiss', '1', '2', '--undo')).stderr).toContain('were not marked as two people; nothing changed');
	});

	it('exports vCard 4.0 that imports back as the same customers', async () => {
		const session = await desk(engine);
		await session.run('customers', 'add', '--name', 'Jörg Müller', '--company', 'Müller; Söhne, KG', '--email', 'j@example.de', '--phone', '+49 89 2180 4411',
			'--address', 'Leopoldstraße 118\nHinterhaus', '--city', 'München', '--country', 'Germany', '--tags', 'b2b;wholesale', '--notes', 'Line one\nLine two, with a comma');
		await session.run('customers', 'add', '--name', '王小明', '--no-dup-check');
		const exported = await session.run('export', 'customers', 'all.vcf');
		expect(exported.stderr).toBe('exported 2 customers to all.vcf\n');
		expect(fs.statSync(path.join(session.folder, 'all.vcf')).mode & 0o777).toBe(0o600);
		const other = await desk(engine);
		const imported = await other.run('import', 'customers', path.join(session.folder, 'all.vcf'));
		expect(imported.code).toBe(0);
		const fields = (listed: string) => (JSON.parse(listed) as Array<Record<string, unknown>>).map(({name, company, email, phone, address, city, country, tags, notes}) => ({name, company, email, phone, address, city, country, tags, notes}));
		expect(fields((await other.run('customers', 'list', '--json')).stdout)).toEqual(fields((await session.run('customers', 'list', '--json')).stdout));
		expect((await session.run('export', 'customers', 'all.csv', '--format', 'vcf', '--raw')).code).toBe(1);
	});
});

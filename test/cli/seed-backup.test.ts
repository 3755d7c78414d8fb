import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {opsdesk as runCommandLine} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

function opsdesk() {
	const folder = tempFolder();
	const db = path.join(folder, 'opsdesk.db');
	return {folder, db, run: (...args: string[]) => runCommandLine([...args, '--db', db])};
}

describe('opsdesk seed', () => {
	it('loads the demo data into an empty database and refuses a second time unless forced', async () => {
		const {run} = opsdesk();
		expect(await run('seed', '--demo')).toMatchObject({code: 0, stderr: expect.stringMatching(/^demo data loaded: 62 customers, \d+ interactions/)});
		const customers = JSON.parse((await run('customers', 'list', '--limit', '100', '--json')).stdout) as Array<{id: number; name: string; country: string}>;
		expect(customers).toHaveLength(62);
		expect(new Set(customers.map(customer => customer.country)).size).toBeGreaterThan(20);
		expect(customers.map(customer => customer.name)).toEqual(expect.arrayContaining(['王小明', 'Jörg Müller', '佐藤花子']));
		expect(JSON.parse((await run('interactions', 'list', '2', '--json')).stdout).length).toBeGreaterThan(0);
		const again = await run('seed', '--demo');
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/already has customers; seed --demo fills an empty one \(add --force/);
		expect(await run('seed', '--demo', '--force')).toMatchObject({code: 0, stderr: expect.stringMatching(/\(\d+ skipped: already there\)/)});
	});

	it('generates N customers, and new ones on a second run', async () => {
		const {db, run} = opsdesk();
		expect(await run('seed', '--customers', '2000')).toMatchObject({code: 0, stderr: expect.stringMatching(/^added 2000 generated customers in/)});
		expect((await run('seed', '--customers', '500')).code).toBe(0);
		const connection = new Database(db, {readonly: true});
		const counts = connection.prepare('SELECT count(*) AS customers, count(DISTINCT lower(email)) AS emails FROM customers').get();
		connection.close();
		expect(counts).toEqual({customers: 2500, emails: 2500});
		expect((await run('seed')).code).toBe(1);
		expect((await run('seed', '--customers', 'many')).stderr).toMatch(/--customers must be a whole number/);
	});
});

describe('opsdesk backup', () => {
	it('writes a copy that opens with the same customers while another connection holds the database', async () => {
		const {folder, db, run} = opsdesk();
		await run('seed', '--demo');
		// Another process's view: an open connection with a read transaction and a write still in the WAL.
		const other = new Database(db);
		other.prepare("UPDATE customers SET notes = 'changed by another connection' WHERE id = 1").run();
		const reader = new Database(db);
		reader.prepare('BEGIN').run();
		reader.prepare('SELECT count(*) FROM customers').get();
		try {
			const copy = path.join(folder, 'copy.db');
			expect(await run('backup', copy)).toMatchObject({code: 0, stderr: expect.stringMatching(/^backed up .*opsdesk\.db to .*copy\.db \(\d+ pages, [\d.]+ MB, integrity checked, [\d.]+ s\)\n$/)});
			const names = (file: string) => {
				const connection = new Database(file, {readonly: true});
				try {
					return connection.prepare('SELECT id, name, notes FROM customers ORDER BY id').all();
				} finally {
					connection.close();
				}
			};
			expect(names(copy)).toEqual(names(db));
			expect((names(copy) as Array<{notes: string}>)[0]!.notes).toBe('changed by another connection');
		} finally {
			reader.prepare('COMMIT').run();
			reader.close();
			other.close();
		}
		expect((await run('backup')).code).toBe(1);
		expect(await run('backup', path.join(folder, 'no-such-folder', 'x.db'))).toMatchObject({code: 1, stderr: expect.stringMatching(/folder .*no-such-folder does not exist/)});
	});
});

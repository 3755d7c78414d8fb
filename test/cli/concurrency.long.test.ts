import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import type {CliResult} from '../support/cli.js';
import {spawnOpsdesk} from '../support/spawn-cli.js';
import {tempFolder} from '../support/temp-db.js';

const customers = 200_000;

/**
 * 200,000 customers with a few hundred bytes each (about 120 MB), written by SQL in one
 * statement: the backup copies pages, so what matters is the size, not the search indexes.
 */
function bigDatabase(file: string): void {
	const db = openOpsdesk(file);
	db.exec(`
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers})
		INSERT INTO customers (id, name, company, email, phone, address, city, country, status, tags, notes,
			created_at, updated_at, name_key, name_rank, search_text)
		SELECT i, 'Customer ' || i, 'Company ' || (i % 997), 'c' || i || '@example.com', '+1 555 ' || i,
			i || ' Main Street' || char(10) || 'Springfield', 'Springfield', 'US', 'lead', '[]', printf('%.300c', 'n'),
			'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'customer ' || i, i * 1024, 'customer ' || i
		FROM n`);
	db.close();
}

/** One process after another, each adding one row: a chain keeps a writer busy for the whole test. */
async function chain(runs: number, args: (index: number) => string[]): Promise<CliResult[]> {
	const results: CliResult[] = [];
	for (let index = 0; index < runs; index++) results.push(await spawnOpsdesk(args(index)));
	return results;
}

describe('many writers and a backup at once', () => {
	it('4 processes adding interactions and 4 adding customers all succeed, while a backup of 200,000 customers completes and passes integrity_check', async () => {
		const folder = tempFolder();
		const file = path.join(folder, 'opsdesk.db');
		bigDatabase(file);
		const copy = path.join(folder, 'backup.db');
		const runs = 1;
		let writing = true;
		const interactionWriters = Array.from({length: 4}, (_, writer) => chain(runs, index =>
			['interactions', 'add', String(writer + 1), '--kind', 'call', '--subject', `call ${writer}.${index}`, '--db', file]));
		const customerWriters = Array.from({length: 4}, (_, writer) => chain(runs, index =>
			['customers', 'add', '--name', `New ${writer}.${index}`, '--email', `new${writer}.${index}@example.com`, '--db', file]));
		const writers = Promise.all([...interactionWriters, ...customerWriters]).finally(() => {
			writing = false;
		});
		// A ninth writer in this process holds the write lock a fifth of a second at a time, so
		// the others really meet a lock and must wait for it.
		const hog = new Database(file);
		hog.pragma('busy_timeout = 10000');
		const hogging = (async () => {
			while (writing) {
				hog.exec('BEGIN IMMEDIATE');
				hog.prepare("UPDATE customers SET notes = 'touched' WHERE id = ?").run(1 + Math.floor(Math.random() * customers));
				await new Promise(resolve => setTimeout(resolve, 200));
				hog.exec('COMMIT');
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		})();
		const backup = spawnOpsdesk(['backup', copy, '--db', file], {timeoutMs: 120_000});
		const [written, backedUp] = await Promise.all([writers, backup]);
		await hogging;
		hog.close();

		for (const result of written.flat()) expect(result, result.stderr).toMatchObject({code: 0});
		expect(backedUp.code, backedUp.stderr).toBe(0);
		expect(backedUp.stderr).toMatch(/^backed up .* \(\d+ pages, [\d.]+ MB, integrity checked, [\d.]+ s\)\n$/);

		const db = new Database(file, {readonly: true});
		expect(db.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(4 * runs);
		expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(customers + 4 * runs);
		db.close();

		expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
		const backupDb = new Database(copy, {readonly: true});
		expect(backupDb.pragma('integrity_check', {simple: true})).toBe('ok');
		// One snapshot from somewhere in the middle: every customer of before, some of the new.
		const copied = backupDb.prepare('SELECT count(*) FROM customers').pluck().get() as number;
		expect(copied).toBeGreaterThanOrEqual(customers);
		expect(copied).toBeLessThanOrEqual(customers + 4 * runs);
		backupDb.close();
		expect(fs.readdirSync(folder).filter(name => name.includes('partial'))).toEqual([]);
	}, 180_000);
});

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {DeferredCheckpoint} from '../../source/store/sqlite/deferred-checkpoint.js';
import {afterTest} from '../support/after-test.js';
import {tempFolder} from '../support/temp-db.js';

function walDatabase(): Database.Database {
	const db = new Database(path.join(tempFolder(), 'opsdesk.db'));
	afterTest(() => {
		db.close();
	});
	db.pragma('journal_mode = WAL');
	db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, notes TEXT)');
	return db;
}

const bulkLoad = (db: Database.Database) => db.transaction(() => {
	const insert = db.prepare('INSERT INTO customers (notes) VALUES (?)');
	for (let row = 0; row < 4000; row++) insert.run('x'.repeat(1000));
})();

describe('a bulk load checkpointed in the background', () => {
	it('commits into the WAL only, then has another thread copy it into the database file, and puts the automatic checkpoint back', async () => {
		const db = walDatabase();
		const checkpoint = new DeferredCheckpoint(db, 0);
		bulkLoad(db);
		// Without the automatic checkpoint, the four megabytes are in the WAL only.
		expect(fs.statSync(db.name).size).toBeLessThan(100_000);
		expect(fs.statSync(`${db.name}-wal`).size).toBeGreaterThan(4_000_000);
		await checkpoint.inBackground();
		expect(fs.statSync(db.name).size).toBeGreaterThan(4_000_000);
		expect(db.pragma('wal_autocheckpoint', {simple: true})).toBe(1000);
		// The copy is whole: a reader of the file alone (no WAL) sees every row.
		const copy = path.join(path.dirname(db.name), 'file-only.db');
		fs.copyFileSync(db.name, copy);
		const reader = new Database(copy, {readonly: true});
		afterTest(() => {
			reader.close();
		});
		expect(reader.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(4000);
	});

	it('puts the automatic checkpoint back after a load that failed', async () => {
		const db = walDatabase();
		const checkpoint = new DeferredCheckpoint(db);
		expect(db.pragma('wal_autocheckpoint', {simple: true})).toBe(0);
		expect(() => db.transaction(() => {
			bulkLoad(db);
			throw new Error('disk full');
		})()).toThrow('disk full');
		checkpoint.restore();
		expect(db.pragma('wal_autocheckpoint', {simple: true})).toBe(1000);
	});
});

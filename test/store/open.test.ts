import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {openDatabase} from '../../source/store/open.js';
import {schemaVersion, type Migration} from '../../source/store/migrate.js';
import {migrations} from '../../source/migrations.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {getCustomer} from '../../source/customers/customers.js';
import {resolveDatabasePath, defaultDatabasePath} from '../../source/store/paths.js';
import {tempFolder, dbOf} from '../support/temp-db.js';

const latest = migrations.at(-1)!.version;

describe('opening a database', () => {
	it('creates a private folder and file, in WAL mode with foreign keys, at the latest schema', () => {
		const folder = path.join(tempFolder(), 'nested', 'opsdesk');
		const file = path.join(folder, 'opsdesk.db');
		const db = openOpsdesk(file);
		expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
		expect(db.pragma('foreign_keys', {simple: true})).toBe(1);
		expect(Number(db.pragma('busy_timeout', {simple: true}))).toBeGreaterThan(0);
		expect(schemaVersion(db)).toBe(latest);
		db.close();
	});

	it('upgrades a file of the previous schema version and keeps its customers', async () => {
		const file = path.join(tempFolder(), 'old.db');
		const previous = openDatabase(file, {migrations: migrations.slice(0, 1)});
		// Written as that version stored a customer: today's code writes today's schema.
		const customer = {id: Number(previous.prepare(`INSERT INTO customers (name, email, created_at, updated_at, name_key, name_rank, search_text)
			VALUES ('Ada Lovelace', 'ada@example.org', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'ada lovelace', 16777216, ?)`)
			.run('ada lovelace\t\tada@example.org\t\n ada lovelace ada example org').lastInsertRowid)};
		previous.close();
		const db = openOpsdesk(file);
		expect(schemaVersion(db)).toBe(latest);
		expect((await getCustomer(dbOf(db), customer.id))?.email).toBe('ada@example.org');
		db.close();
	});

	it('refuses a file written by a newer opsdesk and leaves it untouched', () => {
		const file = path.join(tempFolder(), 'newer.db');
		const raw = new Database(file);
		raw.pragma(`user_version = ${latest + 5}`);
		raw.exec('CREATE TABLE future (x)');
		raw.close();
		const before = fs.readFileSync(file);
		expect(() => openOpsdesk(file)).toThrow(/schema version .* is newer than this opsdesk knows/);
		expect(fs.readFileSync(file).equals(before)).toBe(true);
	});

	it('applies each migration in its own transaction: a failing one leaves the last good version', () => {
		const file = path.join(tempFolder(), 'broken.db');
		const broken: Migration[] = [
			...migrations.slice(0, 1),
			{version: 99, name: 'fails halfway', up: db => db.exec('CREATE TABLE half (x); INSERT INTO nowhere VALUES (1)'), postgres: 'CREATE TABLE half (x int); INSERT INTO nowhere VALUES (1)'},
		];
		expect(() => openDatabase(file, {migrations: broken})).toThrow();
		const db = new Database(file);
		expect(schemaVersion(db)).toBe(1);
		expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({n: 0});
		db.close();
	});

	it('refuses a file that is not SQLite with a message naming it', () => {
		const file = path.join(tempFolder(), 'notes.db');
		fs.writeFileSync(file, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
		expect(() => openOpsdesk(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a usable opsdesk database`));
	});
});

describe('where the database lives', () => {
	it('prefers --db, then OPSDESK_DB, then XDG_DATA_HOME, then ~/.local/share', () => {
		expect(resolveDatabasePath('/tmp/flag.db', {OPSDESK_DB: '/tmp/env.db'})).toBe('/tmp/flag.db');
		expect(resolveDatabasePath(undefined, {OPSDESK_DB: '/tmp/env.db'})).toBe('/tmp/env.db');
		expect(defaultDatabasePath({XDG_DATA_HOME: '/data'})).toBe('/data/opsdesk/opsdesk.db');
		expect(defaultDatabasePath({HOME: '/home/ops'})).toMatch(/\.local\/share\/opsdesk\/opsdesk\.db$/);
	});
});

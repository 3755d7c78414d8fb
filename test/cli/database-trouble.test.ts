import {spawn, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {seedSyntheticCustomers} from '../../source/seed/synthetic-seed.js';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {contentOf, expectCalm, freshCli} from './cli-fixture.js';
import {opsdesk} from '../support/cli.js';
import {dbOf} from '../support/temp-db.js';

const betterSqlite = path.resolve('node_modules/better-sqlite3');

/** Another process that takes the write lock, says so, and lets go after `holdMs`. */
function lockHolder(file: string, holdMs: number): Promise<{released: Promise<void>}> {
	const script = `const D = require(${JSON.stringify(betterSqlite)}); const db = new D(${JSON.stringify(file)});
		db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
		setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`;
	const child = spawn(process.execPath, ['-e', script], {stdio: ['ignore', 'pipe', 'inherit']});
	const released = new Promise<void>(resolve => child.on('close', () => resolve()));
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.stdout.once('data', () => resolve({released}));
	});
}

const undo: Array<() => void> = [];
afterEach(() => {
	for (const step of undo.splice(0)) step();
});

/**
 * Makes a file unwritable for opsdesk: 0444 for a normal user; root ignores permissions, so
 * for root the immutable attribute. Undefined when neither works here (e.g. tmpfs as root).
 */
function makeReadOnly(file: string): boolean {
	if (process.getuid?.() !== 0) {
		fs.chmodSync(file, 0o444);
		undo.push(() => fs.chmodSync(file, 0o600));
		return true;
	}
	try {
		execFileSync('chattr', ['+i', file], {stdio: 'ignore'});
		undo.push(() => execFileSync('chattr', ['-i', file], {stdio: 'ignore'}));
		return true;
	} catch {
		return false;
	}
}

describe('exit 5: the database cannot do this now', () => {
	it('a write lock held past --wait: exit 5 saying so, no crash log, nothing written; reads go on', async () => {
		const {db, run, crashLogs} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		const before = contentOf(db);
		const other = new Database(db);
		other.exec('BEGIN IMMEDIATE');
		try {
			for (const args of [
				['interactions', 'add', '1', '--kind', 'call', '--subject', 'hi'],
				['customers', 'add', '--name', 'Bob'],
				['customers', 'edit', '1', '--city', 'Oslo'],
				['orders', 'add', '--customer', '1', '--amount', '5'],
			]) {
				expectCalm(await run(...args, '--wait', '0.2'), 5, /the database is locked: another process .* for more than 0\.2 s\. Try again, or wait longer with --wait SECONDS/);
			}
			expect((await run('customers', 'list', '--json')).code).toBe(0);
		} finally {
			other.exec('ROLLBACK');
			other.close();
		}
		expect(contentOf(db)).toEqual(before);
		expect(crashLogs()).toEqual([]);
	});

	it('interactions add beside another writer waits for it, then succeeds (an IMMEDIATE transaction)', async () => {
		const {db, run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		// A reader holding a snapshot would make a deferred transaction fail at once on upgrade.
		const reader = new Database(db);
		const {released} = await lockHolder(db, 700);
		const added = await run('interactions', 'add', '1', '--kind', 'call', '--subject', 'waited');
		expect(added.code, added.stderr).toBe(0);
		await released;
		reader.close();
		expect((contentOf(db).interactions as Array<{subject: string}>).map(row => row.subject)).toEqual(['waited']);
	});

	it('a read-only file: reading works, writing exits 5 saying so, backup still works', async context => {
		const {folder, db, run, crashLogs} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		if (!makeReadOnly(db)) context.skip();
		const before = contentOf(db);
		expect((await run('customers', 'list')).code).toBe(0);
		expectCalm(await run('customers', 'add', '--name', 'Bob'), 5, /the database is read-only .* make the file and its folder writable/);
		expectCalm(await run('interactions', 'add', '1', '--kind', 'call', '--subject', 'x'), 5, /read-only/);
		const copy = path.join(folder, 'copy.db');
		expect((await run('backup', copy)).code).toBe(0);
		expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
		expect(contentOf(db)).toEqual(before);
		expect(crashLogs()).toEqual([]);
	});

	it('a read-only disk, where SQLite cannot keep its -shm beside the file: reading works from the file, writing exits 5', async context => {
		const {folder, env, crashLogs} = freshCli();
		const disk = path.join(folder, 'disk');
		fs.mkdirSync(disk);
		try {
			execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk], {stdio: 'ignore'});
		} catch {
			context.skip();
		}
		undo.push(() => execFileSync('umount', [disk], {stdio: 'ignore'}));
		const db = path.join(disk, 'opsdesk.db');
		const run = (...args: string[]) => opsdesk([...args, '--db', db], {env});
		expect((await run('customers', 'add', '--name', 'Ada Lovelace')).code).toBe(0);
		execFileSync('mount', ['-o', 'remount,ro', disk], {stdio: 'ignore'});
		expect(fs.existsSync(`${db}-shm`)).toBe(false);
		const listed = await run('customers', 'list', '--json');
		expect(listed.code, listed.stderr).toBe(0);
		expect((JSON.parse(listed.stdout) as Array<{name: string}>).map(customer => customer.name)).toEqual(['Ada Lovelace']);
		expect((await run('customers', 'show', '1')).stdout).toContain('Ada Lovelace');
		expect((await run('report')).code).toBe(0);
		const copy = path.join(folder, 'copy.db');
		expect((await run('backup', copy)).code).toBe(0);
		expect((await opsdesk(['customers', 'list', '--json', '--db', copy], {env})).stdout).toContain('Ada Lovelace');
		expectCalm(await run('customers', 'add', '--name', 'Bob'), 5, /the database is read-only .* make the file and its folder writable/);
		expect(crashLogs()).toEqual([]);
	});

	it('a damaged file: commands and backup exit 5 naming the damage and the way out; backup leaves no file', async () => {
		const {folder, db: file, run, crashLogs} = freshCli();
		const db = openOpsdesk(file);
		await seedSyntheticCustomers(dbOf(db), 3000);
		db.pragma('wal_checkpoint(TRUNCATE)');
		db.close();
		// Garbage over pages in the middle of the file, as a failing disk would leave.
		const handle = fs.openSync(file, 'r+');
		const pages = Math.floor(fs.statSync(file).size / 4096);
		// Every third page past the schema: whatever the layout, the customers table is hit.
		for (let page = 2; page < pages; page += 3) fs.writeSync(handle, Buffer.alloc(4096, 0xde), 0, 4096, page * 4096);
		fs.closeSync(handle);
		expectCalm(await run('customers', 'list', '--limit', '0'), 5, /the database file is damaged \(corrupt\)\. .*restore .* sqlite3 .* \.recover/);
		// Found on opening, or by the backup's integrity check: either way exit 5, no file.
		expectCalm(await run('backup', path.join(folder, 'copy.db')), 5, /the database file is damaged \(corrupt\)|the database is damaged .*integrity_check.*no backup was written/);
		expect(fs.readdirSync(folder).filter(name => name.includes('copy'))).toEqual([]);
		expect(crashLogs()).toEqual([]);
	});
});

describe('backup', () => {
	it('is private from the first byte, checked, and cleans up what a killed backup left', async () => {
		const {folder, db, run} = freshCli();
		await run('customers', 'add', '--name', 'Ada');
		const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
		const stale = [`.copy.db.partial-${dead}-0badf00d`, `.copy.db.partial-${dead}-0badf00d-journal`];
		for (const name of stale) fs.writeFileSync(path.join(folder, name), 'customer emails', {mode: 0o644});
		const copy = path.join(folder, 'copy.db');
		expect((await run('backup', copy)).code).toBe(0);
		expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
		expect(fs.readdirSync(folder).filter(name => name.startsWith('.copy.db'))).toEqual([]);
		const check = new Database(copy, {readonly: true});
		expect(check.pragma('integrity_check', {simple: true})).toBe('ok');
		// A single file: no WAL needed beside it to read it.
		expect(check.pragma('journal_mode', {simple: true})).toBe('delete');
		expect(check.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Ada']);
		check.close();
		expectCalm(await run('backup', db), 1, /backup would overwrite the live database/);
		expectCalm(await run('backup', folder), 1, /is a folder; give the backup a file name/);
		expectCalm(await run('backup', path.join(folder, 'missing', 'x.db')), 1, /folder .*missing does not exist/);
		fs.rmSync(db);
		expectCalm(await run('backup', copy), 1, /no database at .*opsdesk\.db: nothing to back up/);
		expect(fs.existsSync(db)).toBe(false);
	});
});

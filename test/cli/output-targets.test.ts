import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {fifoIn, readFromOtherEnd} from '../support/fifo.js';
import {tempFolder} from '../support/temp-db.js';
import {contentOf, expectCalm} from './cli-fixture.js';

/** A database with a customer and an order, and the command line run in its folder (relative paths resolve there). */
async function desk() {
	const folder = tempFolder();
	const db = path.join(folder, 'opsdesk.db');
	const env = {XDG_STATE_HOME: path.join(folder, 'state'), XDG_DATA_HOME: path.join(folder, 'data'), OPSDESK_DB: ''};
	const run = (...args: string[]) => opsdesk([...args, '--db', db], {env, cwd: folder});
	expect((await run('customers', 'add', '--name', 'Ada', '--email', 'ada@example.com')).code).toBe(0);
	expect((await run('orders', 'add', '--customer', '1', '--amount', '12.50')).code).toBe(0);
	fs.writeFileSync(path.join(folder, 'in.csv'), 'name,email\nBob,bob@example.com\n,nameless@example.com\n');
	fs.writeFileSync(path.join(folder, 'orders-in.csv'), 'customer_email,amount\nada@example.com,1.00\nnobody@example.com,2.00\n');
	return {folder, db, run};
}

/** Every file in the folder with a digest of its bytes: "everything unchanged". */
function snapshot(folder: string): Record<string, string> {
	const entries: Record<string, string> = {};
	for (const name of fs.readdirSync(folder).sort()) {
		const file = path.join(folder, name);
		const stats = fs.lstatSync(file);
		entries[name] = stats.isSymbolicLink() ? `-> ${fs.readlinkSync(file)}` : stats.isFile() ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'other';
	}
	return entries;
}

describe('a file to write that is the live database', () => {
	it('is refused by every command that writes a file, however the path is spelled, before any work (exit 1)', async () => {
		const {folder, db, run} = await desk();
		fs.mkdirSync(path.join(folder, 'sub'));
		fs.symlinkSync('opsdesk.db', path.join(folder, 'alias.db'));
		fs.linkSync(db, path.join(folder, 'hard.db'));
		const content = contentOf(db);
		const before = snapshot(folder);
		const attempts: Array<[string[], string]> = [
			[['export', 'customers', 'opsdesk.db'], 'export'],
			[['export', 'customers', db], 'export'],
			[['export', 'customers', 'sub/../opsdesk.db', '--format', 'vcf'], 'export'],
			[['export', 'customers', 'alias.db'], 'export'],
			[['export', 'customers', 'hard.db'], 'export'],
			[['export', 'customers', 'opsdesk.db-wal'], 'export'],
			[['export', 'orders', 'opsdesk.db'], 'export'],
			[['export', 'orders', './alias.db'], 'export'],
			[['export', 'orders', 'opsdesk.db-journal'], 'export'],
			[['import', 'customers', 'in.csv', '--rejects', 'opsdesk.db'], '--rejects'],
			[['import', 'customers', 'in.csv', '--rejects', 'alias.db', '--dry-run'], '--rejects'],
			[['import', 'customers', 'in.csv', '--rejects', 'opsdesk.db-shm'], '--rejects'],
			[['import', 'orders', 'orders-in.csv', '--rejects', 'opsdesk.db'], '--rejects'],
			[['import', 'orders', 'orders-in.csv', '--rejects', 'sub/../alias.db'], '--rejects'],
			[['backup', 'opsdesk.db'], 'backup'],
			[['backup', 'alias.db'], 'backup'],
			[['backup', 'opsdesk.db-journal'], 'backup'],
		];
		for (const [args, what] of attempts) {
			const result = await run(...args);
			const file = args[args.indexOf('--rejects') + 1] ?? '';
			const named = what === '--rejects' ? file : args[what === 'backup' ? 1 : 2]!;
			expectCalm(result, 1, new RegExp(`^opsdesk [a-z ]+: ${named.replaceAll('.', '\\.')}: ${what} would overwrite the live database ${db.replaceAll('.', '\\.')}; name another file\\. Nothing was ${what === '--rejects' ? 'imported' : 'written'}\\n$`));
			expect(snapshot(folder), args.join(' ')).toEqual(before);
		}
		expect(contentOf(db)).toEqual(content);
	});

	it('leaves other files beside the database alone: exports still work there', async () => {
		const {folder, run} = await desk();
		expect((await run('export', 'customers', 'opsdesk.db.csv')).code).toBe(0);
		expect(fs.readFileSync(path.join(folder, 'opsdesk.db.csv'), 'utf8')).toMatch(/^id,name,.*\n1,Ada,/);
	});
});

describe('a target that is a symbolic link', () => {
	it('export, --rejects and backup write the file the link names and keep the link', async () => {
		const {folder, run} = await desk();
		fs.mkdirSync(path.join(folder, 'real'));
		const links = {customers: 'customers.csv', orders: 'orders.csv', rejects: 'rejects.csv', backup: 'backup.db'};
		for (const name of Object.values(links)) {
			fs.writeFileSync(path.join(folder, 'real', name), 'old', {mode: 0o644});
			fs.symlinkSync(path.join('real', name), path.join(folder, name));
		}
		expect((await run('export', 'customers', links.customers)).code).toBe(0);
		expect((await run('export', 'orders', links.orders)).code).toBe(0);
		expect((await run('import', 'customers', 'in.csv', '--rejects', links.rejects)).code).toBe(2);
		expect((await run('backup', links.backup)).code).toBe(0);
		for (const name of Object.values(links)) {
			expect(fs.lstatSync(path.join(folder, name)).isSymbolicLink(), name).toBe(true);
			expect(fs.statSync(path.join(folder, 'real', name)).mode & 0o777, name).toBe(0o600);
		}
		expect(fs.readFileSync(path.join(folder, 'real', links.customers), 'utf8')).toMatch(/^id,name,.*\n1,Ada,/);
		expect(fs.readFileSync(path.join(folder, 'real', links.orders), 'utf8')).toMatch(/^number,customer_email,.*\n.*ada@example\.com/);
		expect(fs.readFileSync(path.join(folder, 'real', links.rejects), 'utf8')).toBe('name,email,error\n,nameless@example.com,missing name\n');
		const copy = new Database(path.join(folder, 'real', links.backup), {readonly: true});
		expect(copy.prepare('SELECT name FROM customers ORDER BY id').pluck().all()).toEqual(['Ada', 'Bob']);
		copy.close();
		expect(fs.readdirSync(folder).filter(name => name.includes('.partial-'))).toEqual([]);
		expect(fs.readdirSync(path.join(folder, 'real')).filter(name => name.includes('.partial-'))).toEqual([]);
	});
});

describe('a --rejects file that is the file being imported', () => {
	it('is refused also through a link to it, which would now write through to the input', async () => {
		const {folder, run} = await desk();
		fs.symlinkSync('in.csv', path.join(folder, 'in-link.csv'));
		const before = snapshot(folder);
		expectCalm(await run('import', 'customers', 'in.csv', '--rejects', 'in-link.csv'), 1, /^opsdesk import customers: --rejects in-link\.csv: that is the file being imported; name another file\. Nothing was imported\n$/);
		expectCalm(await run('import', 'orders', 'orders-in.csv', '--rejects', './sub/../orders-in.csv'), 1, /that is the file being imported/);
		expect(snapshot(folder)).toEqual(before);
	});
});

describe('a target that is a pipe', () => {
	it('export customers (CSV and vCard) and export orders write into a FIFO, which stays a FIFO', async () => {
		const {folder, run} = await desk();
		const fifo = fifoIn(folder, 'out.pipe');
		for (const [args, start] of [[['export', 'customers', fifo], /^id,name,.*\n1,Ada,/], [['export', 'customers', fifo, '--format', 'vcf'], /^BEGIN:VCARD\r?\n/], [['export', 'orders', fifo], /^number,customer_email,/]] as const) {
			const read = readFromOtherEnd(fifo);
			const result = await run(...args);
			expect(result.code, result.stderr).toBe(0);
			expect(await read).toMatch(start);
			expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
		}
		expect(fs.readdirSync(folder).filter(name => name.includes('.partial-'))).toEqual([]);
	});

	it('--rejects writes into a FIFO', async () => {
		const {folder, run} = await desk();
		const fifo = fifoIn(folder, 'rejects.pipe');
		const read = readFromOtherEnd(fifo);
		expect((await run('import', 'customers', 'in.csv', '--rejects', fifo)).code).toBe(2);
		expect(await read).toBe('name,email,error\n,nameless@example.com,missing name\n');
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
	});

	it('backup refuses a FIFO (a backup is written beside its target and renamed) and leaves it a FIFO', async () => {
		const {folder, run} = await desk();
		const fifo = fifoIn(folder, 'backup.pipe');
		expectCalm(await run('backup', fifo), 1, /backup\.pipe: cannot write: a pipe or device; this needs a regular file/);
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
		expect(fs.readdirSync(folder).filter(name => name.includes('.partial-'))).toEqual([]);
	});

	it('a folder as target is still refused', async () => {
		const {folder, run} = await desk();
		expectCalm(await run('export', 'customers', folder), 1, /cannot write: is a folder, not a file/);
		expectCalm(await run('export', 'orders', folder), 1, /cannot write: is a folder, not a file/);
	});
});

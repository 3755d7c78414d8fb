import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {stringify} from 'csv-stringify/sync';
import Database from 'better-sqlite3';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {cliPath, opsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

const columns = ['name', 'company', 'email', 'phone', 'address', 'city', 'country', 'status', 'tags', 'notes'] as const;

/** CSV text of `count` generated customers (valid), with the header. */
function customersCsv(count: number, seed = 1): string {
	const rows = [...syntheticCustomers(count, seed)].map(customer => columns.map(column => (column === 'tags' ? customer.tags.join(';') : customer[column])));
	return stringify([[...columns], ...rows]);
}

function countCustomers(file: string): number {
	const db = new Database(file, {readonly: true});
	try {
		expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
		return db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
	} finally {
		db.close();
	}
}

const children: ChildProcess[] = [];
const mounts: string[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	for (const mount of mounts.splice(0)) execFileSync('umount', [mount]);
});

function start(args: string[], cwd: string): {child: ChildProcess; exit: Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}>} {
	const child = spawn(process.execPath, [cliPath, ...args], {cwd, env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'ignore', 'pipe']});
	children.push(child);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}>(resolve => {
		child.once('close', (code, signal) => resolve({code, signal, stderr}));
	});
	return {child, exit};
}

/** A tmpfs of `size` at a fresh folder: a disk that fills up for real. Needs root; skips elsewhere. */
function smallDisk(size: string): string | undefined {
	const folder = tempFolder();
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder], {stdio: 'ignore'});
	} catch {
		return undefined;
	}
	mounts.push(folder);
	return folder;
}

describe('an import interrupted or failing midway leaves nothing behind', () => {
	it('Ctrl-C (SIGINT) during an import from a pipe rolls everything back and exits 130', async () => {
		const folder = tempFolder();
		expect((await opsdesk(['customers', 'add', '--name', 'Before', '--db', 'opsdesk.db'], {cwd: folder})).code).toBe(0);
		execFileSync('mkfifo', [path.join(folder, 'pipe.csv')]);
		const {child, exit} = start(['import', 'customers', 'pipe.csv', '--rejects', 'rejects.csv', '--db', 'opsdesk.db'], folder);
		const pipe = fs.createWriteStream(path.join(folder, 'pipe.csv'));
		// The cancelled import closes its end: what is still unwritten then fails with EPIPE, as it should.
		pipe.on('error', () => {});
		// Written and taken by the import (a pipe holds 64 KB): it is reading, checking and inserting.
		const written = new Promise<void>(resolve => pipe.write(customersCsv(5_000), () => resolve()));
		// An import that ended early (an error) must fail this test, not leave it waiting on the pipe.
		await Promise.race([written, exit.then(early => expect.fail(`the import ended before Ctrl-C: ${early.stderr}`))]);
		child.kill('SIGINT');
		const result = await exit;
		pipe.destroy();
		// Ended by SIGINT after cleaning up, as a shell expects: it reports 130.
		expect(result).toMatchObject({signal: 'SIGINT', stderr: 'import cancelled (Ctrl-C): nothing was imported, and rejects.csv was not written\n'});
		expect(countCustomers(path.join(folder, 'opsdesk.db'))).toBe(1);
		expect(fs.readdirSync(folder).filter(name => name.includes('rejects'))).toEqual([]);
	});

	it('kill -9 mid-import leaves the database whole; the rerun imports every row once', async () => {
		const folder = tempFolder();
		fs.writeFileSync(path.join(folder, 'big.csv'), customersCsv(15_000));
		const {child, exit} = start(['import', 'customers', 'big.csv', '--rejects', 'rejects.csv', '--db', 'opsdesk.db'], folder);
		// Killed once the database exists and the import has been running for a moment.
		for (let waited = 0; !fs.existsSync(path.join(folder, 'opsdesk.db-wal')) && waited < 100; waited++) await new Promise(resolve => setTimeout(resolve, 50));
		await new Promise(resolve => setTimeout(resolve, 300));
		child.kill('SIGKILL');
		expect((await exit).signal).toBe('SIGKILL');
		// All or nothing, never part of the file.
		expect([0, 15_000]).toContain(countCustomers(path.join(folder, 'opsdesk.db')));
		const rerun = await opsdesk(['import', 'customers', 'big.csv', '--rejects', 'rejects.csv', '--db', 'opsdesk.db'], {cwd: folder});
		expect(rerun.code === 0 || rerun.code === 2).toBe(true);
		expect(countCustomers(path.join(folder, 'opsdesk.db'))).toBe(15_000);
		expect(fs.readdirSync(folder).filter(name => name.includes('partial'))).toEqual([]);
	});

	it('a rejects file that fills the disk rolls the import back (exit 5); a rerun elsewhere imports once', async () => {
		const disk = smallDisk('64k');
		if (!disk) {
			console.warn('skipping: mounting a small tmpfs needs root');
			return;
		}
		const folder = tempFolder();
		// 3,000 rows with a bad status each: about 300 KB of rejects for a 64 KB disk; 100 good rows.
		const rows = [...syntheticCustomers(3_100)].map((customer, index) => [customer.name, customer.email, index < 100 ? 'active' : `not-a-status-${'x'.repeat(40)}`]);
		fs.writeFileSync(path.join(folder, 'mixed.csv'), stringify([['name', 'email', 'status'], ...rows]));
		const full = await opsdesk(['import', 'customers', 'mixed.csv', '--rejects', path.join(disk, 'rejects.csv'), '--db', 'opsdesk.db'], {cwd: folder});
		expect(full.code).toBe(5);
		expect(full.stderr.trimEnd().split('\n').at(-1)).toBe(`opsdesk import customers: --rejects ${path.join(disk, 'rejects.csv')}: cannot write: the disk is full. Nothing was imported (the rejected rows are the only record of what was left out)`);
		expect(countCustomers(path.join(folder, 'opsdesk.db'))).toBe(0);
		expect(fs.readdirSync(disk)).toEqual([]);
		const rerun = await opsdesk(['import', 'customers', 'mixed.csv', '--rejects', 'rejects.csv', '--db', 'opsdesk.db'], {cwd: folder});
		expect(rerun.code).toBe(2);
		expect(countCustomers(path.join(folder, 'opsdesk.db'))).toBe(100);
		const orderRows = rows.map(([, email], index) => [email, index < 100 ? '1.00' : `${'9'.repeat(60)}.999`]);
		fs.writeFileSync(path.join(folder, 'orders.csv'), stringify([['customer_email', 'amount'], ...orderRows]));
		const orders = await opsdesk(['import', 'orders', 'orders.csv', '--rejects', path.join(disk, 'orders-rejects.csv'), '--db', 'opsdesk.db'], {cwd: folder});
		expect(orders.code).toBe(5);
		expect(orders.stderr.trimEnd().split('\n').at(-1)).toContain('cannot write: the disk is full. Nothing was imported');
		expect(JSON.parse((await opsdesk(['orders', 'list', '--json', '--db', 'opsdesk.db'], {cwd: folder})).stdout)).toEqual([]);
	});
});

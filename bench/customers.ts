// Customers at one million: import rate (search ready) against the sqlite3 shell's
// `.import`, `seed --customers` against the same baseline, search latency keystroke by
// keystroke (mixed long and short terms on their own line), and the whole
// `customers list --search` process against `fzf --filter` over the same people as text lines.
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {syntheticCustomers} from '../source/seed/synthetic.js';
import {openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {benchFolder, timeCommand} from './support.js';
import {searchLines, timeSearches} from './search-timing.js';

const count = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const columns = ['name', 'company', 'email', 'phone', 'address', 'city', 'country', 'status', 'tags', 'notes'] as const;

function customersCsv(folder: string): string {
	const file = path.join(folder, `customers-${count}.csv`);
	if (fs.existsSync(file)) return file;
	const out = fs.openSync(`${file}.partial`, 'w');
	fs.writeSync(out, `${columns.join(',')}\n`);
	let batch: string[][] = [];
	for (const customer of syntheticCustomers(count)) {
		batch.push(columns.map(column => (column === 'tags' ? customer.tags.join(';') : String(customer[column]))));
		if (batch.length === 10_000) {
			fs.writeSync(out, stringify(batch));
			batch = [];
		}
	}
	fs.writeSync(out, stringify(batch));
	fs.closeSync(out);
	fs.renameSync(`${file}.partial`, file);
	return file;
}

function fresh(file: string): string {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
	return file;
}

export async function benchCustomers(): Promise<void> {
	const folder = benchFolder();
	const csv = customersCsv(folder);
	console.log(`${count.toLocaleString('en')} customers in ${csv}`);

	// Baseline: the sqlite3 shell's .import into a plain table of the CSV's columns.
	const shellDb = fresh(path.join(folder, 'shell-import.db'));
	const shellSql = `PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE customers (${columns.join(' TEXT, ')} TEXT);\n.import --csv --skip 1 ${csv} customers\n`;
	const shell = timeCommand('sqlite3', [shellDb], {input: shellSql});
	const shellRate = count / shell.seconds;
	const opsdeskDb = fresh(path.join(folder, 'opsdesk-import.db'));
	const ours = timeCommand(process.execPath, ['dist/cli.js', 'import', 'customers', csv, '--db', opsdeskDb]);
	if (ours.code !== 0) console.log(`  opsdesk import exited ${ours.code}: ${ours.stderr.trim().split('\n').at(-1)}`);
	const ourRate = count / ours.seconds;
	console.log(`import   sqlite3 .import ${fmt(shell.seconds)} s (${rate(shellRate)} rows/s)   opsdesk import (search ready) ${fmt(ours.seconds)} s (${rate(ourRate)} rows/s)   ratio ${(ourRate / shellRate).toFixed(2)} (goal >= 0.25)`);

	// seed --customers N: the same rows made in the process, against the same baseline.
	const seedDb = fresh(path.join(folder, 'opsdesk-seed.db'));
	const seeded = timeCommand(process.execPath, ['dist/cli.js', 'seed', '--customers', String(count), '--db', seedDb]);
	if (seeded.code !== 0) console.log(`  opsdesk seed exited ${seeded.code}: ${seeded.stderr.trim().split('\n').at(-1)}`);
	console.log(`seed     opsdesk seed --customers ${count} ${fmt(seeded.seconds)} s   ratio to sqlite3 .import ${(shell.seconds / seeded.seconds).toFixed(2)}   (goal <= 25 s at one million)`);

	// Search, first page of 50, every prefix of every term.
	const db = await openOpsdeskStore(databaseTarget(opsdeskDb));
	for (const line of searchLines('SQLite', await timeSearches(db))) console.log(line);
	await db.close();

	// Whole process: opsdesk customers list --search against fzf --filter | head -50.
	const fzf = spawnSync('sh', ['-c', 'command -v fzf']).status === 0;
	if (!fzf) {
		console.log('cli      fzf not installed (apt-get install fzf): skipped');
		return;
	}
	const lines = path.join(folder, `customers-${count}.txt`);
	if (!fs.existsSync(lines)) {
		execFileSync('sh', ['-c', `sqlite3 -separator ' | ' ${opsdeskDb} "SELECT name, company, email, phone FROM customers" > ${lines}`]);
	}
	for (const term of ['muller', 'anna k', 'xyzzy', '王小明']) {
		const ourRun = bestOf(3, () => timeCommand(process.execPath, ['dist/cli.js', 'customers', 'list', '--search', term, '--limit', '50', '--db', opsdeskDb]).seconds);
		const fzfRun = bestOf(3, () => timeCommand('sh', ['-c', `fzf --filter '${term}' < ${lines} | head -50`]).seconds);
		console.log(`cli      "${term}": opsdesk ${fmt(ourRun * 1000)} ms  fzf ${fmt(fzfRun * 1000)} ms  ratio ${(ourRun / fzfRun).toFixed(2)} (goal < 1)`);
	}
}

function bestOf(times: number, run: () => number): number {
	return Math.min(...Array.from({length: times}, run));
}

const fmt = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const rate = (value: number) => Math.round(value).toLocaleString('en');

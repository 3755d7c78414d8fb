// The desk benchmark's database: one million generated customers, made once and kept in
// .bench/ (ignored by git); a file that is not complete is made again. Made by the built
// command line (`opsdesk seed --customers N`; `npm run bench` builds first), so this stays
// a synchronous step of the desk benchmark.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {benchFolder} from './support.js';

export const deskCustomers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);

export function deskDatabase(): string {
	const file = path.join(benchFolder(), `desk-${deskCustomers}.db`);
	const done = `${file}.complete`;
	if (fs.existsSync(done) && fs.existsSync(file)) return file;
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
	const started = performance.now();
	console.log(`  generating ${deskCustomers.toLocaleString('en')} customers`);
	const seeded = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'seed', '--customers', String(deskCustomers), '--db', file], {stdio: 'inherit'});
	if (seeded.status !== 0) throw new Error(`opsdesk seed --customers ${deskCustomers} exited ${seeded.status ?? seeded.signal}`);
	const db = new Database(file);
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
	fs.writeFileSync(done, '');
	console.log(`  in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	return file;
}

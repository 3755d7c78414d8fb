// The desk benchmark's database: one million generated customers, made once and kept in
// .bench/ (ignored by git); a file that is not complete is made again.
import fs from 'node:fs';
import path from 'node:path';
import {openOpsdesk} from '../source/open-opsdesk.js';
import {seedSyntheticCustomers} from '../source/seed/synthetic-seed.js';
import {benchFolder} from './support.js';

export const deskCustomers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);

export function deskDatabase(): string {
	const file = path.join(benchFolder(), `desk-${deskCustomers}.db`);
	const done = `${file}.complete`;
	if (fs.existsSync(done) && fs.existsSync(file)) return file;
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
	const started = performance.now();
	const db = openOpsdesk(file);
	seedSyntheticCustomers(db, deskCustomers, {
		progress: written => process.stdout.write(`\r  generating ${written.toLocaleString('en')} customers`),
	});
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
	fs.writeFileSync(done, '');
	console.log(` in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	return file;
}

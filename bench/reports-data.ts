// Builds the reports benchmark's database: one million customers (created over three
// years), five million orders, a million interactions and a hundred thousand robot jobs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite, {type Database} from 'better-sqlite3';
import {migrations} from '../source/migrations.js';
import {openOpsdesk, openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {seedSyntheticCustomersInWorker} from '../source/seed/synthetic-seed.js';
import {seedOrders} from '../source/seed/order-seed.js';

export const benchCustomerCount = Number(process.env.OPSDESK_BENCH_CUSTOMERS ?? 1_000_000);
export const benchOrderCount = Number(process.env.OPSDESK_BENCH_ORDERS ?? 5_000_000);
const days = 3 * 365;

function seconds(start: number): string {
	return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

const schema = migrations.at(-1)!.version;
const fileFor = (version: number) => path.join(os.tmpdir(), `opsdesk-bench-reports-v3-schema${version}-${benchCustomerCount}-${benchOrderCount}.db`);

/**
 * The bench file for this schema version: branches with different migrations (sharing /tmp)
 * each keep their own, and a file opened by a newer opsdesk never locks out an older one.
 */
export const benchReportsFile = fileFor(schema);

/**
 * Reuses a file built by an earlier run of the same size (delete it to rebuild); else copies
 * the newest one an older schema built and lets opening migrate it, as an upgrade would.
 */
export async function benchDatabase(file: string): Promise<Database> {
	if (fs.existsSync(file)) return openOpsdesk(file);
	// Older schemas' files, newest first; last the name from before the schema was in it.
	const legacy = path.join(os.tmpdir(), `opsdesk-bench-reports-v3-${benchCustomerCount}-${benchOrderCount}.db`);
	const older = [...Array.from({length: schema - 1}, (_, index) => fileFor(schema - 1 - index)), legacy].find(name => fs.existsSync(name));
	if (older) {
		const start = performance.now();
		const upgrading = `${file}.upgrading`;
		// The backup API copies a consistent snapshot even while another run has the file open.
		const source = new BetterSqlite(older, {readonly: true});
		await source.backup(upgrading);
		source.close();
		openOpsdesk(upgrading).close();
		fs.renameSync(upgrading, file);
		console.log(`  copied ${older} and migrated it to schema ${schema} in ${seconds(start)}`);
		return openOpsdesk(file);
	}
	const partial = `${file}.building`;
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, {force: true});
	const store = await openOpsdeskStore(databaseTarget(partial));
	const db = store.sqlite!;
	db.pragma('cache_size = -400000');
	let start = performance.now();
	const now = new Date().toISOString();
	await seedSyntheticCustomersInWorker(store, benchCustomerCount);
	// Customers joined over three years, in id order (as they would have).
	const today = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
	db.prepare(`UPDATE customers SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0 + id * ? / 1000.0, 'unixepoch')`)
		.run(today - days * 86_400_000, (days * 86_400_000) / benchCustomerCount);
	console.log(`  built ${benchCustomerCount} customers in ${seconds(start)}`);
	start = performance.now();
	await seedOrders(store, benchOrderCount, {days});
	console.log(`  built ${benchOrderCount} orders (seed --orders, rollups included) in ${seconds(start)}`);
	start = performance.now();
	db.exec(`
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${benchCustomerCount})
		INSERT INTO interactions (customer_id, kind, direction, subject, at)
		SELECT 1 + abs(random()) % ${benchCustomerCount}, json_extract('["email","sms","call","note","ticket","robot"]', '$[' || (abs(random()) % 6) || ']'),
			'out', 'synthetic', strftime('%Y-%m-%dT%H:%M:%fZ', ${today / 1000} - abs(random()) % ${days * 86_400}, 'unixepoch')
		FROM n;
	`);
	addJobs(db, 100_000, today);
	console.log(`  built ${benchCustomerCount} interactions and 100000 jobs in ${seconds(start)}`);
	await store.close();
	fs.renameSync(partial, file);
	for (const suffix of ['-wal', '-shm']) fs.rmSync(partial + suffix, {force: true});
	return openOpsdesk(file);
}

/** Finished robot jobs, written into the queue's table; columns the report does not read get a plain value. */
function addJobs(db: Database, count: number, today: number): void {
	const columns = db.prepare<[], {name: string; type: string; notnull: number; dflt_value: unknown; pk: number}>("SELECT * FROM pragma_table_info('jobs')").all();
	const given = new Set(['robot', 'status', 'started_at', 'finished_at', 'created_at', 'updated_at', 'run_after']);
	const filler = columns.filter(column => !given.has(column.name) && !column.pk && column.notnull && column.dflt_value === null);
	const names = [...given, ...filler.map(column => column.name)];
	const insert = db.prepare(`INSERT INTO jobs (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
	const robots = ['invoice', 'welcome-mail', 'crm-sync', 'label-print', 'refund'];
	db.transaction(() => {
		for (let index = 0; index < count; index++) {
			const started = today - Math.floor(Math.random() * days * 86_400_000);
			const finished = started + 200 + Math.floor(Math.random() * 20_000);
			const at = (time: number) => new Date(time).toISOString();
			insert.run(robots[index % robots.length], Math.random() < 0.9 ? 'succeeded' : 'failed', at(started), at(finished), at(started), at(finished), at(started),
				...filler.map(column => (/INT/i.test(column.type) ? 1 : '')));
		}
	})();
}

// `npm run bench postgres`: the same figures on PostgreSQL as on SQLite, in the same run: search
// first page (every prefix of typed terms, mixed terms) at one million customers, and the
// whole report for every range at five million orders. A PostgreSQL 15 cluster is kept in
// .bench/postgres (started for the run on a free loopback port, stopped after); the SQLite
// figures come from the files the customers and reports sections build. Set
// OPSDESK_BENCH_POSTGRES_URL to measure an existing server instead.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import type {Store} from '../source/store/store.js';
import {todayUtc} from '../source/orders/order-fields.js';
import {postgresBinaries, startPostgres, type PostgresServer} from '../test/support/postgres-server.js';
import {benchFolder, percentile, timeCommand} from './support.js';
import {searchLines, timeSearches} from './search-timing.js';
import {benchCustomerCount, benchDatabase, benchOrderCount, benchReportsFile} from './reports-data.js';
import {ranges, timeReport} from './reports.js';
import {benchWorkerScaling} from './workers.js';

const days = 3 * 365;
const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** A server tuned as a team would run one for this size: the data set fits in shared buffers. */
async function server(): Promise<{url: string; stop: () => void}> {
	const given = process.env.OPSDESK_BENCH_POSTGRES_URL;
	if (given) return {url: given, stop() {}};
	const bin = postgresBinaries();
	if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
	const started: PostgresServer = await startPostgres(bin, {
		folder: path.join(benchFolder(), 'postgres'),
		settings: ['shared_buffers=2GB', 'work_mem=64MB', 'maintenance_work_mem=1GB', 'effective_cache_size=8GB', 'random_page_cost=1.1', 'max_wal_size=8GB'],
	});
	return started;
}

/** The bench database on the server: built once (seed through the CLI, as a user would), reused after. */
async function postgresBenchDatabase(serverUrl: string): Promise<string> {
	const name = `opsdesk_bench_${benchCustomerCount}_${benchOrderCount}`;
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const admin = new pg.Client({connectionString: serverUrl});
	await admin.connect();
	try {
		const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (exists.rows.length > 0) return url.toString();
		// What a run that stopped halfway left.
		await admin.query(`DROP DATABASE IF EXISTS ${name}_building WITH (FORCE)`);
		await admin.query(`CREATE DATABASE ${name}_building`);
	} finally {
		await admin.end();
	}
	const building = new URL(url);
	building.pathname = `/${name}_building`;
	const cli = (...args: string[]) => {
		const result = timeCommand(process.execPath, ['dist/cli.js', ...args, '--db', building.toString()]);
		if (result.code !== 0) throw new Error(`opsdesk ${args.join(' ')} exited ${result.code}: ${result.stderr.trim().split('\n').at(-1)}`);
		return result.seconds;
	};
	const customerSeconds = cli('seed', '--customers', String(benchCustomerCount));
	console.log(`  built ${benchCustomerCount} customers (seed --customers) in ${customerSeconds.toFixed(1)} s`);
	const client = new pg.Client({connectionString: building.toString()});
	await client.connect();
	try {
		const today = Date.parse(`${todayUtc()}T00:00:00Z`);
		// Customers joined over three years, in id order (as they would have).
		await client.query(`UPDATE customers SET created_at = to_char(to_timestamp(($1::double precision + id * $2::double precision) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
			[today - days * 86_400_000, (days * 86_400_000) / benchCustomerCount]);
		const orderSeconds = cli('seed', '--orders', String(benchOrderCount));
		console.log(`  built ${benchOrderCount} orders (seed --orders, rollups included) in ${orderSeconds.toFixed(1)} s`);
		const start = performance.now();
		await client.query(`INSERT INTO interactions (customer_id, kind, direction, subject, at)
			SELECT 1 + floor(random() * $1)::bigint, (ARRAY['email','sms','call','note','ticket','robot'])[1 + floor(random() * 6)::int], 'out', 'synthetic',
				to_char(to_timestamp($2::double precision / 1000 - floor(random() * $3)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
			FROM generate_series(1, $1)`, [benchCustomerCount, today, days * 86_400]);
		await client.query(`INSERT INTO jobs (robot, robot_file, robot_text, priority, status, attempts, max_attempts, attempts_granted, run_after, created_at, started_at, finished_at, updated_at, dry_run)
			SELECT (ARRAY['invoice','welcome-mail','crm-sync','label-print','refund'])[1 + i % 5], 'r.yaml', '', 0,
				CASE WHEN random() < 0.9 THEN 'succeeded' ELSE 'failed' END, 1, 3, 3, s, s, s, f, f, 0
			FROM (SELECT i, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS s,
					to_char((t + (200 + floor(random() * 20000)) * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS f
				FROM (SELECT i, to_timestamp($1::double precision / 1000 - floor(random() * $2)) AS t FROM generate_series(1, 100000) AS i) AS times) AS jobs`,
		[today, days * 86_400]);
		await client.query('VACUUM ANALYZE');
		console.log(`  built ${benchCustomerCount} interactions and 100000 jobs, vacuumed, in ${seconds(start)}`);
	} finally {
		await client.end();
	}
	const rename = new pg.Client({connectionString: serverUrl});
	await rename.connect();
	await rename.query(`ALTER DATABASE ${name}_building RENAME TO ${name}`);
	await rename.end();
	return url.toString();
}

async function reportLines(label: string, db: Store, first: string): Promise<string[]> {
	const lines: string[] = [];
	let worst = 0;
	for (const [range, dates] of ranges(todayUtc(), first)) {
		const {total, sections} = await timeReport(db, dates);
		worst = Math.max(worst, total);
		lines.push(`  ${label.padEnd(10)} ${range.padEnd(16)} report ${ms(total).padStart(9)}  (${Object.values(sections).map(ms).join(' / ')})`);
	}
	lines.push(`  ${label.padEnd(10)} slowest range ${ms(worst)} (goal <= 150 ms for any range)`);
	return lines;
}

export async function benchPostgres(): Promise<void> {
	const running = await server();
	try {
		let start = performance.now();
		const url = await postgresBenchDatabase(running.url);
		console.log(`  PostgreSQL database ready in ${seconds(start)}: ${databaseTarget(url).shown}`);
		const postgres = await openOpsdeskStore(databaseTarget(url), {connections: 2});
		// The SQLite figures from the same generated data, in the same run.
		const sqliteSearchFile = path.join(benchFolder(), `opsdesk-seed-${benchCustomerCount}.db`);
		if (!fs.existsSync(sqliteSearchFile)) {
			start = performance.now();
			timeCommand(process.execPath, ['dist/cli.js', 'seed', '--customers', String(benchCustomerCount), '--db', sqliteSearchFile]);
			console.log(`  built the SQLite search file in ${seconds(start)}`);
		}
		const sqlite = await openOpsdeskStore(databaseTarget(sqliteSearchFile));
		for (const line of searchLines('SQLite    ', await timeSearches(sqlite))) console.log(line);
		for (const line of searchLines('PostgreSQL', await timeSearches(postgres))) console.log(line);
		await sqlite.close();
		console.log('  the desk: search key -> frame with results, and PgDn -> frame (goal search p95 <= 30 ms):');
		console.log(deskFrameLine('SQLite    ', sqliteSearchFile));
		console.log(deskFrameLine('PostgreSQL', url));
		const reportsFile = benchReportsFile;
		(await benchDatabase(reportsFile)).close();
		const sqliteReports = await openOpsdeskStore(databaseTarget(reportsFile));
		const first = (found: Array<{day: string | null}>) => found[0]?.day ?? todayUtc();
		const sqliteFirst = first(sqliteReports.sqlite!.prepare('SELECT min(day) AS day FROM order_daily').all() as Array<{day: string | null}>);
		const postgresFirst = first((await postgres.db.selectFrom('order_daily').select(eb => eb.fn.min('day').as('day')).execute()) as Array<{day: string | null}>);
		console.log('  whole report (revenue / top 10 / pipeline / new customers / interactions / robots), median of 5:');
		for (const line of await reportLines('SQLite', sqliteReports, sqliteFirst)) console.log(line);
		for (const line of await reportLines('PostgreSQL', postgres, postgresFirst)) console.log(line);
		await sqliteReports.close();
		await postgres.close();
		await benchWorkerScaling(running.url);
		if (process.env.OPSDESK_BENCH_COPY !== '0') await benchCopy(reportsFile, running.url);
	} finally {
		running.stop();
	}
}

/** copy-database of the million-customer file (five million orders) into a new PostgreSQL database, verified table by table. */
async function benchCopy(file: string, serverUrl: string): Promise<void> {
	const name = 'opsdesk_bench_copy';
	const admin = new pg.Client({connectionString: serverUrl});
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const result = timeCommand(process.execPath, ['dist/cli.js', 'copy-database', '--from', file, '--to', url.toString()]);
	const said = (result.stdout + result.stderr).trim().split('\n');
	console.log(`  copy-database SQLite -> PostgreSQL of ${benchCustomerCount} customers and ${benchOrderCount} orders: exit ${result.code} in ${result.seconds.toFixed(1)} s; ${said.at(-1)}`);
}

/** The desk's key → frame times on a database (bench/desk-frames.tsx, in a process of its own like the bundled desk). */
function deskFrameLine(label: string, target: string): string {
	const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', './bench/text-width-hooks.mjs', 'bench/desk-frames.tsx', target],
		{encoding: 'utf8', env: {...process.env, NODE_ENV: 'production', FORCE_COLOR: '1'}, maxBuffer: 1 << 24});
	if (child.status !== 0) return `  ${label} desk frames failed: ${child.stderr.trim().split('\n').at(-1)}`;
	const {baselineTimes, search, page} = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {baselineTimes: number[]; search: number[]; page: number[]};
	const p95 = (values: number[]) => percentile(values.filter(Number.isFinite), 95);
	return `  ${label} search key -> frame p95 ${ms(p95(search))}, PgDn -> frame p95 ${ms(p95(page))}; a static frame p95 ${ms(p95(baselineTimes))} (x${(p95(search) / p95(baselineTimes)).toFixed(1)})`;
}

// Duplicates at one million customers, 2% of them planted duplicates (bench/duplicates-data.ts):
// how many planted pairs `opsdesk duplicates` finds and how many pairs it shows that were not
// planted, with its time as a whole process; beside it, the exact-match check EspoCRM and Twenty
// do (same email, same phone, same name, as stored) in the same run. Then the check one new
// customer gets at once (`customers add`), per lookup and as a whole process. With
// BENCH_POSTGRES_URL set to an empty database, the import and the scan on PostgreSQL too.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {stringify} from 'csv-stringify/sync';
import {openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {duplicatesOf} from '../source/duplicates/candidate-pairs.js';
import {benchPeople, type Planted} from './duplicates-data.js';
import {benchFolder, percentile, timeCommand} from './support.js';

const count = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const columns = ['name', 'company', 'email', 'phone', 'city', 'country'] as const;

type People = {planted: Planted[]; sample: Array<Record<(typeof columns)[number], string>>};

/** The bench's CSV file and its planted pairs, made once and kept in .bench/. */
function peopleFiles(csv: string): People {
	const plantedFile = `${csv}.planted.json`;
	if (!fs.existsSync(csv) || !fs.existsSync(plantedFile)) {
		const {customers, planted} = benchPeople(count);
		const out = fs.openSync(`${csv}.partial`, 'w');
		fs.writeSync(out, `${columns.join(',')}\n`);
		for (let start = 0; start < customers.length; start += 10_000) {
			fs.writeSync(out, stringify(customers.slice(start, start + 10_000).map(customer => columns.map(column => customer[column]))));
		}
		fs.closeSync(out);
		fs.writeFileSync(plantedFile, JSON.stringify({planted, sample: planted.slice(0, 200).map(pair => customers[pair.duplicate])}));
		fs.renameSync(`${csv}.partial`, csv);
	}
	return JSON.parse(fs.readFileSync(plantedFile, 'utf8')) as People;
}

function fresh(file: string): string {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
	return file;
}

/** Found pairs against planted ones: customer i of the file is #i+1 (a clean import into an empty database). */
function judge(found: ReadonlyArray<readonly [number, number]>, planted: readonly Planted[]) {
	const wanted = new Set(planted.map(pair => `${Math.min(pair.original, pair.duplicate) + 1}:${Math.max(pair.original, pair.duplicate) + 1}`));
	const foundKeys = new Set(found.map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`));
	let hits = 0;
	for (const key of wanted) if (foundKeys.has(key)) hits++;
	const falsePairs = foundKeys.size - hits;
	return {recall: hits / wanted.size, falseShare: foundKeys.size === 0 ? 0 : falsePairs / foundKeys.size, hits, falsePairs, found: foundKeys.size};
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export async function benchDuplicates(): Promise<void> {
	const folder = benchFolder();
	const csv = path.join(folder, `duplicates-${count}.csv`);
	const {planted, sample} = peopleFiles(csv);
	console.log(`${count.toLocaleString('en')} customers, ${planted.length.toLocaleString('en')} planted duplicates, in ${csv}`);
	const db = fresh(path.join(folder, 'duplicates.db'));
	const imported = timeCommand(process.execPath, ['dist/cli.js', 'import', 'customers', csv, '--no-dup-check', '--db', db]);
	if (imported.code !== 0) {
		console.log(`  import exited ${imported.code}: ${imported.stderr.trim().split('\n').slice(-3).join(' | ')}`);
		return;
	}
	console.log(`import   ${imported.seconds.toFixed(1)} s (blocking keys derived in the parse worker)`);

	const ours = timeCommand(process.execPath, ['dist/cli.js', 'duplicates', '--json', '--limit', '0', '--db', db]);
	if (ours.code !== 0) {
		console.log(`  duplicates exited ${ours.code}: ${ours.stderr.trim()}`);
		return;
	}
	const pairs = (JSON.parse(ours.stdout) as Array<{a: {id: number}; b: {id: number}}>).map(pair => [pair.a.id, pair.b.id] as const);
	const ourScore = judge(pairs, planted);
	console.log(`opsdesk duplicates   ${ours.seconds.toFixed(1)} s   found ${percent(ourScore.recall)} of planted pairs (goal >= 95%)   false pairs ${percent(ourScore.falseShare)} of ${ourScore.found.toLocaleString('en')} shown (goal <= 5%)   ${ours.stderr.trim().split('\n').at(-1)}`);

	// Baseline: exact matches on the stored values, as EspoCRM and Twenty check.
	const raw = new Database(db, {readonly: true});
	const started = performance.now();
	const exact = raw.prepare<[], [number, number]>(`
		SELECT a.id, b.id FROM customers a JOIN customers b ON a.email = b.email AND a.id < b.id WHERE a.email <> ''
		UNION SELECT a.id, b.id FROM customers a JOIN customers b ON a.phone = b.phone AND a.id < b.id WHERE a.phone <> ''
		UNION SELECT a.id, b.id FROM customers a JOIN customers b ON a.name = b.name AND a.id < b.id`).raw().all();
	const exactSeconds = (performance.now() - started) / 1000;
	raw.close();
	const exactScore = judge(exact, planted);
	console.log(`exact match (EspoCRM, Twenty)   ${exactSeconds.toFixed(1)} s   found ${percent(exactScore.recall)} of planted pairs   false pairs ${percent(exactScore.falseShare)} of ${exactScore.found.toLocaleString('en')}   ratio of times ${(ours.seconds / exactSeconds).toFixed(2)}`);

	const postgres = process.env.BENCH_POSTGRES_URL;
	if (postgres) benchPostgres(postgres, csv, planted, ours.seconds);

	// One new customer, checked at once: the lookup alone, then `customers add` as a process.
	const store = await openOpsdeskStore(databaseTarget(db), {changePollMs: 0});
	const lookups: number[] = [];
	let flagged = 0;
	for (const person of sample) {
		const start = performance.now();
		const found = await duplicatesOf(store, {...person, id: 0});
		lookups.push(performance.now() - start);
		if (found.length > 0) flagged++;
	}
	await store.close();
	console.log(`one new customer checked   p50 ${percentile(lookups, 50).toFixed(2)} ms   p95 ${percentile(lookups, 95).toFixed(2)} ms   (${flagged} of ${sample.length} planted duplicates re-entered were flagged)`);
	const add = (extra: string[]) => timeCommand(process.execPath, ['dist/cli.js', 'customers', 'add', '--name', 'Bench Person', '--city', sample[0]!.city, '--db', db, ...extra]).seconds;
	const withCheck = percentile([add([]), add([]), add([])], 50);
	const withoutCheck = percentile([add(['--no-dup-check']), add(['--no-dup-check']), add(['--no-dup-check'])], 50);
	console.log(`customers add   ${(withCheck * 1000).toFixed(0)} ms with the check, ${(withoutCheck * 1000).toFixed(0)} ms with --no-dup-check   ratio ${(withCheck / withoutCheck).toFixed(2)}`);
}

/** With BENCH_POSTGRES_URL (an empty database, dropped by whoever made it): the same file and scan on PostgreSQL. */
function benchPostgres(url: string, csv: string, planted: readonly Planted[], sqliteSeconds: number): void {
	const imported = timeCommand(process.execPath, ['dist/cli.js', 'import', 'customers', csv, '--no-dup-check', '--db', url]);
	if (imported.code !== 0) {
		console.log(`  PostgreSQL import exited ${imported.code}: ${imported.stderr.trim().split('\n').slice(-3).join(' | ')}`);
		return;
	}
	const found = timeCommand(process.execPath, ['dist/cli.js', 'duplicates', '--json', '--limit', '0', '--db', url]);
	if (found.code !== 0) {
		console.log(`  PostgreSQL duplicates exited ${found.code}: ${found.stderr.trim()}`);
		return;
	}
	const score = judge((JSON.parse(found.stdout) as Array<{a: {id: number}; b: {id: number}}>).map(pair => [pair.a.id, pair.b.id] as const), planted);
	console.log(`PostgreSQL: import ${imported.seconds.toFixed(1)} s   duplicates ${found.seconds.toFixed(1)} s   found ${percent(score.recall)}   false pairs ${percent(score.falseShare)} of ${score.found.toLocaleString('en')}   ratio to SQLite ${(found.seconds / sqliteSeconds).toFixed(2)}`);
}

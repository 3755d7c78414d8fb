import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fireDueSchedules} from '../../source/automation/schedule-firing.js';
import {migrations} from '../../source/migrations.js';
import {NoDesktopDriver} from '../../source/robot/drivers.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {runWorker} from '../../source/robot/worker.js';
import {openStore} from '../../source/store/store.js';
import {databaseTarget, type Engine} from '../../source/store/target.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempPostgresUrl} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';
import {rowCounts, tableRows} from './support/table-rows.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000030000000308020000', 'hex');

async function cli(args: string[], expectedCode = 0) {
	const result = await opsdesk(args);
	if (result.code !== expectedCode) throw new Error(`opsdesk ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
	return result;
}

/** Built once for the file (making them is most of the time these tests take); tests that change a database copy it first. */
const shared = {folder: '', sample: ''};

beforeAll(async () => {
	shared.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-copy-'));
	shared.sample = await sampleDatabase(path.join(shared.folder, 'sample.db'));
});

afterAll(() => {
	if (shared.folder) fs.rmSync(shared.folder, {recursive: true, force: true});
});

/**
 * An SQLite database with something in every table: the demo customers, interactions and
 * orders (rollups), a deleted customer, an edit (history), a robot job that ran with its
 * logs and effects, and a queued job with an image.
 */
async function sampleDatabase(file: string): Promise<string> {
	await cli(['seed', '--demo', '--db', file]);
	await cli(['customers', 'edit', '3', '--city', 'Zürich', '--db', file]);
	await cli(['customers', 'delete', '5', '--db', file]);
	await cli(['robot', 'enqueue', 'fixtures/robots/mark-active.yaml', '--customer', '7', '--db', file]);
	// Automation: a segment with a batch, a schedule that fired, a trigger, a secret, an email's outbox row.
	await cli(['segments', 'add', 'zurich', '--city', 'Zürich', '--db', file]);
	await cli(['robot', 'enqueue', 'fixtures/robots/mark-active.yaml', '--segment', 'zurich', '--db', file]);
	await cli(['schedules', 'add', 'tick', '--robot', 'fixtures/robots/mark-active.yaml', '--segment', 'zurich', '--cron', '* * * * * *', '--tz', 'UTC', '--db', file]);
	await cli(['triggers', 'add', 'welcome', '--robot', 'fixtures/robots/mark-active.yaml', '--on', 'customer.created', '--db', file]);
	expect((await opsdesk(['secrets', 'set', 'token', '--db', file], {input: 'copy-me-sealed'})).code).toBe(0);
	await cli(['customers', 'merge', '10', '11', '--db', file]);
	await cli(['duplicates', 'dismiss', '12', '13', '--db', file]);
	const store = await openStore(databaseTarget(file), {migrations, changePollMs: 0});
	const queue = openJobQueue(store, {backoffMs: 1});
	try {
		expect(await fireDueSchedules(store, {now: new Date(Date.now() + 5000), worker: 'host-a:1'})).toHaveLength(1);
		await runWorker({queue, store, databasePath: file, openDriver: async () => new NoDesktopDriver(), heartbeatMs: 1000, owner: 'host-a:1', once: true, signal: new AbortController().signal});
		await store.write(tx => tx.db.insertInto('job_emails').values({job_id: 1, step: 1, pass: '', message_id: '<opsdesk.job-1.step-1.x@example.com>', recipients: '["zoe@example.at"]', subject: 'Grüße', state: 'sent', attempt: 1, prepared_at: '2026-01-01T00:00:00.000Z', sent_at: '2026-01-01T00:00:01.000Z', server_reply: '250 OK'}).execute());
		await queue.enqueue([{robot: 'looks', robotFile: 'looks.yaml', robotText: 'name: looks\nsteps:\n  - click: {image: ok.png}\n', customerId: 8, images: [{name: 'ok.png', key: 'f'.repeat(64), png}]}]);
	} finally {
		await queue.close();
		await store.close();
	}
	return file;
}

async function fresh(engine: Engine): Promise<string> {
	return engine === 'sqlite' ? path.join(tempFolder(), 'copy.db') : tempPostgresUrl();
}

/** The sample, on the engine asked for. */
async function sampleOn(engine: Engine): Promise<string> {
	if (engine === 'sqlite') return shared.sample;
	const target = await tempPostgresUrl();
	await cli(['copy-database', '--from', shared.sample, '--to', target]);
	return target;
}

const pairs = engines.flatMap(from => engines.map(to => [from, to] as const));

describe.each(pairs)('copy-database from %s to %s', (fromEngine, toEngine) => {
	it('copies every row of every table, ids included, checks each table, and new rows get ids after the copied ones', async () => {
		const original = shared.sample;
		const from = await sampleOn(fromEngine);
		const to = await fresh(toEngine);
		const result = await cli(['copy-database', '--from', from, '--to', to, '--json']);
		const expected = await tableRows(original);
		const copied = await tableRows(to);
		expect(copied).toEqual(expected);
		expect(Object.values(rowCounts(expected)).every(count => count > 0)).toBe(true);
		const report = JSON.parse(result.stdout) as {tables: Array<{table: string; rows: number; checksum: string}>};
		expect(Object.fromEntries(report.tables.map(table => [table.table, table.rows]))).toEqual(rowCounts(expected));
		expect(report.tables.every(table => /^[0-9a-f]{64}$/.test(table.checksum))).toBe(true);
		expect(result.stderr).toContain('every table checked (row count and checksum)');
		// The copy works as a database: jobs show, ids continue past the copied ones, search finds.
		expect((await cli(['jobs', 'show', '1', '--json', '--db', to])).stdout).toContain('"worker": "host-a:1"');
		const store = await openStore(databaseTarget(to), {migrations, changePollMs: 0});
		const queue = openJobQueue(store);
		try {
			const [next] = await queue.enqueue([{robot: 'next', robotFile: 'next.yaml', robotText: 'name: next', customerId: null}]);
			expect(next!.id).toBe(Math.max(...expected.jobs!.map(job => job.id as number)) + 1);
		} finally {
			await queue.close();
			await store.close();
		}
		// Search finds the same customers: the destination's search index (SQLite) or keys (PostgreSQL) were made again.
		for (const term of ['ana', 'lau', 'j']) {
			const search = await cli(['customers', 'list', '--search', term, '--json', '--db', to]);
			const before = await cli(['customers', 'list', '--search', term, '--json', '--db', original]);
			expect(JSON.parse(search.stdout)).toEqual(JSON.parse(before.stdout));
			expect((JSON.parse(search.stdout) as unknown[]).length).toBeGreaterThan(0);
		}
	});
});

describe.each(engines)('copy-database to %s', toEngine => {
	it('refuses a destination that holds data, changing nothing, and replaces it with --replace', async () => {
		const to = await fresh(toEngine);
		const other = path.join(tempFolder(), 'other.db');
		await cli(['customers', 'add', '--name', 'Only Me', '--db', other]);
		await cli(['copy-database', '--from', other, '--to', to]);
		const before = await tableRows(to);
		const refused = await cli(['copy-database', '--from', shared.sample, '--to', to], 3);
		expect(refused.stderr).toMatch(/already holds data \(.*customers: 1 row.*\); copy into (a new or )?(an )?empty database, or add --replace/);
		expect(await tableRows(to)).toEqual(before);
		await cli(['copy-database', '--from', shared.sample, '--to', to, '--replace']);
		expect(await tableRows(to)).toEqual(await tableRows(shared.sample));
	});
});

describe('copy-database refuses', () => {
	it('a copy onto itself, a missing source and a destination that is not an opsdesk database', async () => {
		const file = path.join(tempFolder(), 'one.db');
		await cli(['customers', 'add', '--name', 'Ada', '--db', file]);
		expect((await cli(['copy-database', '--from', file, '--to', file], 1)).stderr).toContain('--from and --to are the same file');
		expect((await cli(['copy-database', '--from', path.join(tempFolder(), 'missing.db'), '--to', path.join(tempFolder(), 'x.db')], 1)).stderr).toContain('nothing to copy');
		const notes = path.join(tempFolder(), 'notes.txt');
		fs.writeFileSync(notes, 'my notes, not a database\n'.repeat(200));
		const refused = await opsdesk(['copy-database', '--from', file, '--to', notes]);
		expect(refused.code).not.toBe(0);
		expect(fs.readFileSync(notes, 'utf8')).toBe('my notes, not a database\n'.repeat(200));
		expect((await cli(['copy-database', '--from', file], 1)).stderr).toContain('missing --to DST');
	});

	it.runIf(engines.includes('postgres'))('the same PostgreSQL database under two spellings, and never prints a password', async () => {
		const url = await tempPostgresUrl();
		const spelled = url.replace('127.0.0.1', 'localhost');
		expect((await cli(['copy-database', '--from', url, '--to', spelled], 1)).stderr).toContain('--from and --to are the same database');
		const file = path.join(tempFolder(), 'one.db');
		await cli(['customers', 'add', '--name', 'Ada', '--db', file]);
		const secret = 'pa55-w0rd-secret';
		const unreachable = await opsdesk(['copy-database', '--from', file, '--to', `postgres://opsdesk:${secret}@127.0.0.1:1/nowhere`]);
		expect(unreachable.code).toBe(5);
		expect(unreachable.stderr).toContain('postgres://opsdesk:****@127.0.0.1:1/nowhere');
		expect(unreachable.stderr + unreachable.stdout).not.toContain(secret);
	});
});

// Copies stopped midway (kill -9, Ctrl-C) on a database big enough to stop in the middle of:
// long, so in the long suite (vitest.config.ts).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Engine} from '../../source/store/target.js';
import {cliPath, opsdesk} from '../support/cli.js';
import {engines, tempPostgresUrl} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';
import {rowCounts, tableRows} from './support/table-rows.js';

async function cli(args: string[]) {
	const result = await opsdesk(args);
	if (result.code !== 0) throw new Error(`opsdesk ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
	return result;
}

const shared = {folder: '', bigger: ''};

beforeAll(async () => {
	shared.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-copy-'));
	shared.bigger = await biggerDatabase(path.join(shared.folder, 'bigger.db'));
});

afterAll(() => {
	if (shared.folder) fs.rmSync(shared.folder, {recursive: true, force: true});
});

async function fresh(engine: Engine): Promise<string> {
	return engine === 'sqlite' ? path.join(tempFolder(), 'copy.db') : tempPostgresUrl();
}

/** A database big enough that a copy takes a moment after its first table: time to stop it midway. */
async function biggerDatabase(file: string): Promise<string> {
	await cli(['seed', '--customers', '5000', '--db', file]);
	await cli(['seed', '--orders', '15000', '--db', file]);
	return file;
}


describe.each(engines)('an interrupted copy to %s', toEngine => {
	it('leaves the destination empty after kill -9 midway, and the next copy completes', async () => {
		const from = shared.bigger;
		const to = await fresh(toEngine);
		const run = copyProcess(from, to);
		await whenSaid(run, 'customers: 5000 rows copied');
		run.child.kill('SIGKILL');
		expect((await run.done).signal).toBe('SIGKILL');
		if (toEngine === 'sqlite') {
			expect(fs.existsSync(to)).toBe(false);
		} else {
			expect(Object.values(rowCounts(await tableRows(to))).every(count => count === 0)).toBe(true);
		}
		await cli(['copy-database', '--from', from, '--to', to]);
		expect(rowCounts(await tableRows(to))).toEqual(rowCounts(await tableRows(from)));
		// What the killed copy left beside the file is gone.
		if (toEngine === 'sqlite') expect(fs.readdirSync(path.dirname(to)).filter(name => name.includes('partial'))).toEqual([]);
	});

	it('stops at Ctrl-C with exit 130 and leaves the destination as it was', async () => {
		const from = shared.bigger;
		const to = await fresh(toEngine);
		const run = copyProcess(from, to);
		await whenSaid(run, 'customers: 5000 rows copied');
		run.child.kill('SIGINT');
		const {code, signal} = await run.done;
		expect(code === 130 || signal === 'SIGINT').toBe(true);
		expect(run.stderr()).toContain(`copy interrupted (Ctrl-C): ${to} was left as it was`);
		if (toEngine === 'sqlite') expect(fs.readdirSync(path.dirname(to))).toEqual([]);
		else expect(Object.values(rowCounts(await tableRows(to))).every(count => count === 0)).toBe(true);
	});
});


function copyProcess(from: string, to: string): {child: ReturnType<typeof spawn>; stderr: () => string; done: Promise<{code: number | null; signal: NodeJS.Signals | null}>} {
	const child = spawn(process.execPath, [cliPath, 'copy-database', '--from', from, '--to', to], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const done = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => child.on('close', (code, signal) => resolve({code, signal})));
	return {child, stderr: () => stderr, done};
}

async function whenSaid(run: ReturnType<typeof copyProcess>, text: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (!run.stderr().includes(text)) {
		if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`the copy never said "${text}": ${run.stderr()}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

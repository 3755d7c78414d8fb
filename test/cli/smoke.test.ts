import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {seedSyntheticCustomers} from '../../source/seed/synthetic-seed.js';
import {cliPath} from '../support/cli.js';
import {spawnOpsdesk} from '../support/spawn-cli.js';
import {tempFolder, dbOf} from '../support/temp-db.js';

/** A shell line, as an operator types it; resolves to its exit status and output. */
function shell(line: string, env: NodeJS.ProcessEnv = {}): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', line], {env: {...process.env, NO_COLOR: '1', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => {
			stdout += text;
		});
		child.stderr.setEncoding('utf8').on('data', (text: string) => {
			stderr += text;
		});
		child.on('error', reject);
		child.on('close', code => resolve({code: code ?? -1, stdout, stderr}));
	});
}

async function databaseWith(customers: number): Promise<{folder: string; file: string}> {
	const folder = tempFolder();
	const file = path.join(folder, 'opsdesk.db');
	const db = openOpsdesk(file);
	await seedSyntheticCustomers(dbOf(db), customers);
	db.close();
	return {folder, file};
}

const opsdesk = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)}`;

describe('the built binary', () => {
	it('prints --version and --help and exits 0 (nothing calls process.exit midway)', async () => {
		expect(await spawnOpsdesk(['--version'])).toEqual({code: 0, stdout: `opsdesk ${packageJson.version}\n`, stderr: ''});
		const help = await spawnOpsdesk(['customers', 'delete', '1', '--help']);
		expect(help).toMatchObject({code: 0, stderr: ''});
		expect(help.stdout).toMatch(/^Usage: opsdesk customers delete ID/);
	});

	it('ends quietly with exit 0 when the reader of its output goes away (| head)', async () => {
		const {file} = await databaseWith(1500);
		const env = {XDG_STATE_HOME: path.join(path.dirname(file), 'state')};
		for (const format of ['', '--json']) {
			const result = await shell(`set -o pipefail; ${opsdesk} customers list --limit 0 ${format} --db ${JSON.stringify(file)} | head -n 2`, env);
			expect(result, format).toMatchObject({code: 0, stderr: ''});
			expect(result.stdout.split('\n')).toHaveLength(3);
		}
		expect(fs.existsSync(env.XDG_STATE_HOME)).toBe(false);
	});

	it('does not report success when its output could not be written (stdout on a full disk: exit 5)', async () => {
		const {file} = await databaseWith(3);
		const full = await shell(`${opsdesk} customers list --db ${JSON.stringify(file)} > /dev/full`);
		expect(full).toMatchObject({code: 5, stderr: 'opsdesk customers list: cannot write the output: the disk is full\n'});
	});

	it('exits 5 when the file cannot grow (a file-size limit, as on a full disk), keeping the database whole and leaving no partial backup', async () => {
		const {folder, file} = await databaseWith(1500);
		const env = {XDG_STATE_HOME: path.join(folder, 'state')};
		// `ulimit -f` counts 1024-byte blocks in bash: half the database's size, so neither a copy
		// of it nor a WAL holding thousands more customers fits.
		const limited = (command: string) => shell(`ulimit -f ${Math.floor(fs.statSync(file).size / 2048)}; ${opsdesk} ${command} --db ${JSON.stringify(file)}`, env);
		const seeded = await limited('seed --customers 3000');
		expect(seeded.code, seeded.stderr).toBe(5);
		expect(seeded.stderr).toMatch(/^opsdesk seed: .*opsdesk\.db: cannot grow the file past this process's file-size limit \(ulimit -f: \d+ bytes\); raise the limit/);
		const backup = await limited(`backup ${JSON.stringify(path.join(folder, 'copy.db'))}`);
		expect(backup.code, backup.stderr).toBe(5);
		expect(backup.stderr).toMatch(/^opsdesk backup: no backup was written: .*copy\.db: cannot grow the file/);
		expect(fs.readdirSync(folder).filter(name => name.includes('copy'))).toEqual([]);
		const check = await spawnOpsdesk(['customers', 'list', '--limit', '0', '--json', '--db', file]);
		expect(JSON.parse(check.stdout)).toHaveLength(1500);
		expect(fs.existsSync(env.XDG_STATE_HOME)).toBe(false);
	});
});

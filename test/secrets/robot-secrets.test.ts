import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {forgetHiddenValues} from '../../source/secrets/redact.js';
import {opsdesk, type CliResult} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

afterEach(() => forgetHiddenValues());

const token = 'tok-9f8e7d6c5b4a';

describe('{{secrets.NAME}} in a robot', () => {
	it('fills the step with the value, and every log line, job row, timeline entry and output shows •••• instead', async () => {
		const folder = tempFolder();
		const db = path.join(folder, 'opsdesk.db');
		const robot = path.join(folder, 'use-token.yaml');
		fs.writeFileSync(robot, [
			'name: use-token',
			'steps:',
			'  - log: { kind: note, subject: "called the ledger with {{secrets.ledger-token}}" }',
			'  - assert: { value: "{{secrets.ledger-token}}", matches: "^tok-" }',
			'  - assert: { value: "Bearer {{secrets.ledger-token}}", equals: "Bearer nothing" }',
		].join('\n'));
		const env = {DISPLAY: ''};
		const said: CliResult[] = [];
		const run = async (args: string[], input?: string) => {
			const result = await opsdesk([...args, '--db', db], {env, ...(input === undefined ? {} : {input})});
			said.push(result);
			return result;
		};
		expect((await run(['secrets', 'set', 'ledger-token'], token)).code).toBe(0);
		const id = (await run(['customers', 'add', '--name', 'Ada'])).stdout.trim();
		expect((await run(['robot', 'enqueue', robot, '--customer', id, '--max-attempts', '1'])).code).toBe(0);
		forgetHiddenValues();
		await run(['worker', '--once']);
		const shown = JSON.parse((await run(['jobs', 'show', '1', '--json'])).stdout) as {status: string; last_error: string; logs: Array<{step: number | null; message: string}>};
		expect(shown.status).toBe('failed');
		// The second step passed: the value was there to check.
		expect(shown.logs.find(log => log.step === 2)?.message).toBe('"••••" is as expected');
		expect(shown.last_error).toContain('"Bearer ••••" does not equal "Bearer nothing"');
		const timeline = JSON.parse((await run(['interactions', 'list', id, '--json'])).stdout) as Array<{subject: string}>;
		expect(timeline.map(entry => entry.subject)).toEqual(['called the ledger with ••••']);
		for (const result of said) expect(result.stdout + result.stderr).not.toContain(token);
		for (const file of [db, `${db}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from(token))).toBe(false);
	});

	it('a robot naming a secret that is not set fails before its first step, saying which', async () => {
		const folder = tempFolder();
		const db = path.join(folder, 'opsdesk.db');
		const robot = path.join(folder, 'missing.yaml');
		fs.writeFileSync(robot, 'name: missing\nsteps:\n  - assert: { value: "{{secrets.nope}}", equals: "x" }\n');
		await opsdesk(['secrets', 'set', 'other', '--db', db], {input: 'some-value'});
		expect((await opsdesk(['robot', 'enqueue', robot, '--max-attempts', '1', '--db', db])).code).toBe(0);
		await opsdesk(['worker', '--once', '--db', db], {env: {DISPLAY: ''}});
		const shown = JSON.parse((await opsdesk(['jobs', 'show', '1', '--json', '--db', db])).stdout) as {status: string; last_error: string; logs: Array<{step: number | null}>};
		expect(shown).toMatchObject({status: 'failed', last_error: 'secret nope is not set (opsdesk secrets set nope)'});
		expect(shown.logs.filter(log => log.step !== null)).toEqual([]);
	});
});

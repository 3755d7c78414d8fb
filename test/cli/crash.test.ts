import fs from 'node:fs';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runCli} from '../../source/cli-run.js';
import type {Command} from '../../source/commands/command.js';
import {tempFolder} from '../support/temp-db.js';

/** A command with a bug: what opsdesk does with an error nobody expected. */
const buggy: Command = {
	name: 'customers frobnicate',
	summary: 'a command that fails unexpectedly',
	usage: 'customers frobnicate',
	flags: {},
	run() {
		const customer = undefined as unknown as {name: string};
		return customer.name.length;
	},
};

describe('an unexpected error in a command', () => {
	it('exits 70 with one line naming a private crash log that holds the stack', async () => {
		const state = tempFolder();
		const saved = process.env.XDG_STATE_HOME;
		process.env.XDG_STATE_HOME = state;
		let stdout = '';
		let stderr = '';
		try {
			const code = await runCli(['customers', 'frobnicate', '--db', path.join(state, 'x.db')], {
				stdout: text => {
					stdout += text;
				},
				stderr: text => {
					stderr += text;
				},
				stdin: Readable.from([]),
			}, {commands: [buggy]});
			expect(code).toBe(70);
		} finally {
			process.env.XDG_STATE_HOME = saved;
		}
		expect(stdout).toBe('');
		const match = /^opsdesk customers frobnicate: internal error: .+ \(details in (.+)\)\n$/.exec(stderr);
		expect(match, stderr).not.toBeNull();
		const log = match![1]!;
		expect(path.dirname(log)).toBe(path.join(state, 'opsdesk'));
		expect(fs.statSync(log).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(log, 'utf8')).toMatch(/^opsdesk customers frobnicate --db .*\nTypeError: .*\n\s+at /);
	});
});

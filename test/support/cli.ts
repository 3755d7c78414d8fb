import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {Readable} from 'node:stream';
import {runCli} from '../../source/cli-run.js';

export const cliPath = path.resolve('dist/cli.js');

export type CliResult = {code: number; stdout: string; stderr: string};
export type CliOptions = {env?: NodeJS.ProcessEnv; input?: string; cwd?: string};

/**
 * Runs a command line in this process, as `opsdesk ARGS` would, with its own output buffers
 * and environment: the fast way for tests of the command-line contract. The environment is
 * swapped in for the duration of the call (test files run in their own processes, and tests
 * within a file one at a time), so child processes a command starts see it too.
 */
export async function opsdesk(args: string[], options: CliOptions = {}): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	const savedEnv = process.env;
	const savedCwd = process.cwd();
	process.env = {...savedEnv, NO_COLOR: '1', ...options.env};
	for (const [name, value] of Object.entries(process.env)) if (value === undefined) delete process.env[name];
	if (options.cwd) process.chdir(options.cwd);
	try {
		const code = await runCli(args, {
			stdout: text => {
				stdout += text;
			},
			stderr: text => {
				stderr += text;
			},
			stdin: Readable.from(options.input === undefined ? [] : [options.input]),
		});
		return {code, stdout, stderr};
	} finally {
		process.env = savedEnv;
		if (options.cwd) process.chdir(savedCwd);
	}
}

/**
 * Runs the built binary (npm test builds it first) as a user would: for the few smoke tests
 * of what only a real process shows (the bundle, signals, exit codes seen by a shell).
 */
export function runOpsdesk(args: string[], options: CliOptions = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', ...options.env},
		input: options.input,
		cwd: options.cwd,
		timeout: 120_000,
	});
	return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

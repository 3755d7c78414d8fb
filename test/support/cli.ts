import {spawnSync} from 'node:child_process';
import path from 'node:path';

export const cliPath = path.resolve('dist/cli.js');

export type CliResult = {code: number; stdout: string; stderr: string};

/** Runs the built binary (npm test builds it first) as a user would. */
export function runOpsdesk(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string; cwd?: string} = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', ...options.env},
		input: options.input,
		cwd: options.cwd,
		timeout: 120_000,
	});
	return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

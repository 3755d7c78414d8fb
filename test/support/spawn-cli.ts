import {spawn} from 'node:child_process';
import {cliPath, type CliOptions, type CliResult} from './cli.js';

/**
 * Runs the built binary in a child process without blocking the test worker (spawnSync
 * would stall vitest's own messages): for smoke tests of what only a real process shows,
 * and for several processes at once.
 */
export function spawnOpsdesk(args: string[], options: CliOptions & {timeoutMs?: number} = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			env: {...process.env, NO_COLOR: '1', ...options.env},
			cwd: options.cwd,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => {
			stdout += text;
		});
		child.stderr.setEncoding('utf8').on('data', (text: string) => {
			stderr += text;
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
		child.on('error', error => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code: code ?? (signal ? 128 : -1), stdout, stderr});
		});
		child.stdin.end(options.input ?? '');
	});
}

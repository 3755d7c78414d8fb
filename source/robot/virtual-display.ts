import {spawn} from 'node:child_process';
import {UserError} from '../store/errors.js';

export type VirtualDisplay = {display: string; stop: () => Promise<void>};

/**
 * Starts Xvfb on a free display number for as long as the caller needs it. `-displayfd`
 * makes Xvfb pick the number itself and write it once it accepts connections, so there is
 * no guessing, no lock-file race with other Xvfbs and no polling.
 */
export async function startVirtualDisplay(options: {width?: number; height?: number} = {}): Promise<VirtualDisplay> {
	const size = `${options.width ?? 1280}x${options.height ?? 800}x24`;
	const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp', '-noreset'], {
		stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	xvfb.stderr!.setEncoding('utf8').on('data', (text: string) => {
		stderr = (stderr + text).slice(-2000);
	});
	const display = await new Promise<string>((resolve, reject) => {
		let written = '';
		xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
			written += chunk.toString();
			if (written.includes('\n')) resolve(`:${written.trim()}`);
		});
		xvfb.once('error', error => {
			const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
			reject(new UserError(missing ? '--virtual-display needs Xvfb: apt-get install xvfb' : `cannot start Xvfb: ${error.message}`));
		});
		xvfb.once('exit', code => reject(new UserError(`Xvfb stopped at start (exit code ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`)));
	});
	let stopped: Promise<void> | undefined;
	return {
		display,
		stop: () => (stopped ??= new Promise<void>(resolve => {
			if (xvfb.exitCode !== null || xvfb.signalCode !== null) return resolve();
			xvfb.once('exit', () => resolve());
			xvfb.kill('SIGTERM');
		})),
	};
}

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {UserError} from '../store/errors.js';
import {forgetStarted, recordStarted} from './process-registry.js';

export type VirtualDisplay = {display: string; pid: number; stop: () => Promise<void>};

/** Display numbers tried, upward from here: low numbers belong to people's desktops. */
export const firstVirtualDisplay = 99;
const lastVirtualDisplay = 599;

function looksFree(number: number): boolean {
	return !fs.existsSync(`/tmp/.X11-unix/X${number}`) && !fs.existsSync(`/tmp/.X${number}-lock`);
}

/**
 * The shell stays between us and Xvfb and reads its stdin, a pipe from this process: when this
 * process ends in any way, kill -9 included, the pipe closes, `cat` returns and ends Xvfb; the
 * shell itself ends with Xvfb. No shell parsing is involved: Xvfb's arguments travel as "$@".
 */
// A background list reads /dev/null unless told otherwise (POSIX): hence the pipe kept as fd 4.
const watchdog = 'exec 4<&0; Xvfb "$@" & xvfb=$!; (cat <&4 >/dev/null; kill $xvfb 2>/dev/null) & wait $xvfb';

/**
 * Starts Xvfb on the first free display number from 99 up, for as long as the caller needs
 * it. `-displayfd` tells when it accepts connections (no polling); when another Xvfb took the
 * number meanwhile, the next one is tried.
 */
export async function startVirtualDisplay(options: {width?: number; height?: number} = {}): Promise<VirtualDisplay> {
	const size = `${options.width ?? 1280}x${options.height ?? 800}x24`;
	let lastError = '';
	for (let number = firstVirtualDisplay; number <= lastVirtualDisplay; number++) {
		if (!looksFree(number)) continue;
		const started = await tryDisplay(number, size);
		if ('display' in started) return started;
		lastError = started.error;
		if (started.fatal) break;
	}
	throw new UserError(`cannot start Xvfb: ${lastError || `no free display number between :${firstVirtualDisplay} and :${lastVirtualDisplay}`}`);
}

async function tryDisplay(number: number, size: string): Promise<VirtualDisplay | {error: string; fatal: boolean}> {
	const shell = spawn('sh', ['-c', watchdog, 'xvfb-watchdog', `:${number}`, '-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp', '-noreset'], {
		stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let stderr = '';
	shell.stderr!.setEncoding('utf8').on('data', (text: string) => {
		stderr = (stderr + text).slice(-2000);
	});
	const ready = await new Promise<boolean>(resolve => {
		let written = '';
		shell.stdio[3]!.on('data', (chunk: Buffer) => {
			written += chunk.toString();
			if (written.includes('\n')) resolve(true);
		});
		shell.once('exit', () => resolve(false));
		shell.once('error', () => resolve(false));
	});
	if (!ready) {
		shell.stdin!.end();
		const missing = /not found/.test(stderr) && /Xvfb/.test(stderr);
		if (missing) return {error: '--virtual-display needs Xvfb: apt-get install xvfb', fatal: true};
		return {error: stderr.trim().split('\n').at(-1) ?? 'Xvfb stopped at start', fatal: false};
	}
	shell.stderr!.destroy();
	(shell.stdio[3] as NodeJS.ReadableStream & {destroy(): void}).destroy();
	const xvfb = xvfbPid(shell.pid!) ?? shell.pid!;
	recordStarted(shell.pid!, `Xvfb watchdog for :${number}`, true);
	let stopped: Promise<void> | undefined;
	return {
		display: `:${number}`,
		pid: xvfb,
		stop: () => (stopped ??= new Promise<void>(resolve => {
			forgetStarted(shell.pid!);
			if (shell.exitCode !== null || shell.signalCode !== null) return resolve();
			const timer = setTimeout(() => {
				try {
					process.kill(-shell.pid!, 'SIGKILL');
				} catch {
					// Gone.
				}
			}, 5000);
			shell.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			shell.stdin!.end();
		})),
	};
}

/** The Xvfb under its watchdog shell (for the log and for tests that look for it). */
function xvfbPid(shellPid: number): number | undefined {
	try {
		const children = fs.readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
		return children.find(pid => {
			try {
				return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'Xvfb';
			} catch {
				return false;
			}
		});
	} catch {
		return undefined;
	}
}

import {spawn, type ChildProcess} from 'node:child_process';
import {afterEach} from 'vitest';
import {startVirtualDisplay, type VirtualDisplay} from '../../../source/robot/virtual-display.js';
import {cliPath} from '../../support/cli.js';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A private Xvfb on a free display number, stopped after the test. */
export async function xDisplay(): Promise<VirtualDisplay> {
	const display = await startVirtualDisplay({width: 1024, height: 768});
	cleanups.push(display.stop);
	return display;
}

export type AppEvent = {event: string; [key: string]: unknown};

/** An X application that prints one JSON event a line (test/apps/form.py), killed after the test. */
export type TestApp = {process: ChildProcess; next: (event: string) => Promise<AppEvent>; output: () => string; exited: Promise<number | null>};

export function startApp(command: string, args: string[], display: string): TestApp {
	const child = spawn(command, args, {env: {...process.env, DISPLAY: display}, stdio: ['ignore', 'pipe', 'pipe']});
	cleanups.push(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	let output = '';
	const events: AppEvent[] = [];
	const waiters: Array<{event: string; resolve: (event: AppEvent) => void}> = [];
	child.stdout!.setEncoding('utf8').on('data', (text: string) => {
		output += text;
		const lines = output.split('\n');
		for (const line of lines.slice(events.length, -1)) {
			const event = line.startsWith('{') ? (JSON.parse(line) as AppEvent) : {event: 'text', line};
			events.push(event);
		}
		for (const waiter of [...waiters]) {
			const found = events.find(event => event.event === waiter.event);
			if (found) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(found);
			}
		}
	});
	return {
		process: child,
		exited,
		output: () => output,
		next: event => {
			const found = events.find(candidate => candidate.event === event);
			if (found) return Promise.resolve(found);
			return new Promise(resolve => waiters.push({event, resolve}));
		},
	};
}

export type CliRun = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

/** The built opsdesk, asynchronously (the test keeps listening to its X application meanwhile). */
export function opsdesk(args: string[], env: NodeJS.ProcessEnv = {}): {process: ChildProcess; done: Promise<CliRun>} {
	const child = spawn(process.execPath, [cliPath, ...args], {env: {...process.env, NO_COLOR: '1', ...env}});
	cleanups.push(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const done = new Promise<CliRun>(resolve => child.on('close', (code, signal) => resolve({code, signal, stdout, stderr})));
	return {process: child, done};
}

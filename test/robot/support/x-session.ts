import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {afterAll, beforeAll} from 'vitest';
import {startVirtualDisplay, type VirtualDisplay} from '../../../source/robot/virtual-display.js';
import {afterTest} from '../../support/after-test.js';
import {cliPath} from '../../support/cli.js';


/** A private Xvfb on a free display number, stopped after the test. */
export async function xDisplay(): Promise<VirtualDisplay> {
	const display = await startVirtualDisplay({width: 1024, height: 768});
	afterTest(display.stop);
	return display;
}

/** A desktop for robot tests: a bare Xvfb, or one with openbox managing its windows. */
export type Desktop = {name: 'bare' | 'openbox'; display: string};

/**
 * One bare display and one under openbox for a whole test file (starting them per test would
 * cost a second each): every robot end-to-end test runs on both. Stopped after the file.
 */
export function sharedDesktops(): {desktops: Desktop[]; ready: Promise<void>} {
	const desktops: Desktop[] = [{name: 'bare', display: ''}, {name: 'openbox', display: ''}];
	const stops: Array<() => Promise<void> | void> = [];
	let signalReady!: () => void;
	const ready = new Promise<void>(resolve => (signalReady = resolve));
	beforeAll(async () => {
		const [bare, managed] = await Promise.all([startVirtualDisplay({width: 1024, height: 768}), startVirtualDisplay({width: 1024, height: 768})]);
		stops.push(bare.stop, managed.stop);
		desktops[0]!.display = bare.display;
		desktops[1]!.display = managed.display;
		const openbox = spawn('openbox', ['--sm-disable'], {env: {...process.env, DISPLAY: managed.display}, stdio: 'ignore'});
		stops.unshift(() => {
			openbox.kill('SIGKILL');
		});
		await waitForManager(managed.display);
		signalReady();
	});
	afterAll(async () => {
		for (const stop of stops) await stop();
	});
	return {desktops, ready};
}

/** Openbox is managing once it has put its check window on the root (EWMH _NET_SUPPORTING_WM_CHECK). */
async function waitForManager(display: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const said = await output('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], {DISPLAY: display});
		if (/window id #/.test(said)) return;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	throw new Error(`openbox did not start on ${display}`);
}

export function output(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
	return new Promise(resolve => {
		const child = spawn(command, args, {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'ignore']});
		let text = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
		child.on('close', () => resolve(text));
		child.on('error', () => resolve(''));
	});
}

export type AppEvent = {event: string; [key: string]: unknown};

/** An X application that prints one JSON event a line (test/apps/form.py), killed after the test. */
export type TestApp = {
	process: ChildProcess;
	next: (event: string) => Promise<AppEvent>;
	/** Every event of that name so far. */
	all: (event: string) => AppEvent[];
	output: () => string;
	exited: Promise<number | null>;
	/** Writes a line to the application's stdin (started with `{input: true}`). */
	send: (line: string) => void;
};

export function startApp(command: string, args: string[], display: string, options: {input?: boolean} = {}): TestApp {
	const child = spawn(command, args, {env: {...process.env, DISPLAY: display}, stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe']});
	afterTest(() => {
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
		all: event => events.filter(candidate => candidate.event === event),
		send: line => {
			child.stdin!.write(`${line}\n`);
		},
		next: event => {
			const found = events.find(candidate => candidate.event === event);
			if (found) return Promise.resolve(found);
			return new Promise(resolve => waiters.push({event, resolve}));
		},
	};
}

export type CliRun = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

/** The built opsdesk, asynchronously (the test keeps listening to its X application meanwhile). */
export function opsdesk(args: string[], env: NodeJS.ProcessEnv = {}): {process: ChildProcess; done: Promise<CliRun>; stderr: () => string} {
	const child = spawn(process.execPath, [cliPath, ...args], {env: {...process.env, NO_COLOR: '1', ...env}});
	afterTest(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const done = new Promise<CliRun>(resolve => child.on('close', (code, signal) => resolve({code, signal, stdout, stderr})));
	return {process: child, done, stderr: () => stderr};
}

/** Waits for a condition instead of a fixed sleep; fails after `withinMs`. */
export async function until(check: () => boolean | Promise<boolean>, withinMs = 20_000, what = 'the condition'): Promise<void> {
	const deadline = Date.now() + withinMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`${what} did not happen within ${withinMs}ms`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/** A robot file in a temp folder. */
export function robotFile(folder: string, name: string, text: string): string {
	const file = `${folder}/${name}.yaml`;
	fs.writeFileSync(file, text);
	return file;
}

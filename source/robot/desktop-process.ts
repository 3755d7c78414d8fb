import {fork, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {UserError} from '../store/errors.js';
import type {DesktopReply, DesktopRequest} from './desktop-protocol.js';
import type {DesktopAction, DesktopDriver} from './driver.js';

export const needDisplayAdvice = 'run it in a desktop session, set DISPLAY to a running X server, or pass --virtual-display to start Xvfb for this run (apt-get install xvfb)';

/** The built `dist/worker-process.js` beside the CLI bundle, or the TypeScript source under tests (through tsx). */
function desktopEntry(): {file: string; execArgv: string[]} {
	const here = fileURLToPath(import.meta.url);
	const folder = path.dirname(here);
	if (here.endsWith('.ts')) return {file: path.join(folder, 'worker-process.ts'), execArgv: ['--import', 'tsx']};
	// esbuild mirrors source folders under dist/ (dist/robot/worker-process.js); this code may sit in dist/chunks/.
	for (const candidate of ['worker-process.js', 'robot/worker-process.js', '../robot/worker-process.js'].map(name => path.join(folder, name))) {
		if (fs.existsSync(candidate)) return {file: candidate, execArgv: []};
	}
	throw new Error(`worker-process.js is missing beside ${here}: rebuild opsdesk (npm run build)`);
}

/**
 * The `nut` driver as seen from a worker: every action goes to a child process that holds
 * nut-js. Starting it is the display probe: nut-js opens the display in the child, so a
 * missing or dead display kills the child, never this process.
 */
export class RemoteNutDriver implements DesktopDriver {
	readonly name = 'nut' as const;
	private nextId = 1;
	private readonly pending = new Map<number, {resolve: (value: string | boolean | undefined) => void; reject: (error: Error) => void}>();
	private died?: string;

	private constructor(private readonly child: ChildProcess, readonly screen: {width: number; height: number}) {
		child.on('message', (reply: DesktopReply) => {
			if ('ready' in reply) return;
			const waiter = this.pending.get(reply.id);
			this.pending.delete(reply.id);
			if (reply.ok) waiter?.resolve(reply.value);
			else waiter?.reject(new Error(reply.error));
		});
		child.on('exit', (code, signal) => {
			this.died = `the desktop process died (${signal ?? `exit code ${code}`}): the display may be gone, or an X error (such as focusing an unmapped window) ended it`;
			for (const waiter of this.pending.values()) waiter.reject(new Error(this.died));
			this.pending.clear();
		});
	}

	static async start(env: NodeJS.ProcessEnv = process.env): Promise<RemoteNutDriver> {
		const display = env.DISPLAY;
		if (!display) throw new UserError(`the nut driver needs an X display and DISPLAY is not set: ${needDisplayAdvice}`);
		const entry = desktopEntry();
		const child = fork(entry.file, [], {execArgv: entry.execArgv, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc']});
		let stderr = '';
		child.stderr!.setEncoding('utf8').on('data', (text: string) => {
			stderr = (stderr + text).slice(-2000);
		});
		const screen = await new Promise<{width: number; height: number}>((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new UserError(`the X display ${display} did not answer within 20s: ${needDisplayAdvice}`));
			}, 20_000);
			child.once('message', (reply: DesktopReply) => {
				clearTimeout(timer);
				if ('ready' in reply) resolve(reply.screen);
			});
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				// nut-js says "Could not open main display" before the SIGSEGV; a load failure names its Error.
				const lines = stderr.split('\n').map(line => line.trim()).filter(Boolean);
				const said = lines.find(line => /could not|error|cannot/i.test(line)) ?? lines[0] ?? `${signal ?? `exit code ${code}`}`;
				reject(new UserError(`cannot open the X display ${display} (${said.trim()}): ${needDisplayAdvice}`));
			});
		});
		return new RemoteNutDriver(child, screen);
	}

	private call(request: {call: 'perform'; action: DesktopAction} | {call: 'screenshot'; file: string}): Promise<string | boolean | undefined> {
		if (this.died) return Promise.reject(new Error(this.died));
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, {resolve, reject});
			this.child.send({...request, id} as DesktopRequest);
		});
	}

	async perform(action: DesktopAction): Promise<string | undefined> {
		const value = await this.call({call: 'perform', action});
		return typeof value === 'string' ? value : undefined;
	}

	async screenshot(file: string): Promise<boolean> {
		return (await this.call({call: 'screenshot', file})) === true;
	}

	async close(): Promise<void> {
		if (this.died || this.child.exitCode !== null) return;
		const exited = new Promise(resolve => this.child.once('exit', resolve));
		this.child.disconnect();
		await exited;
	}
}

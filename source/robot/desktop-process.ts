import {fork, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {UserError} from '../store/errors.js';
import type {DesktopReply, DesktopRequest} from './desktop-protocol.js';
import type {DesktopAction, DesktopDriver} from './driver.js';
import {LookFailed, type LookAnswer, type ScreenLook} from './looks.js';
import {ProgramsOpened} from './programs.js';

export const needDisplayAdvice = 'run it in a desktop session, set DISPLAY to a running X server, or pass --virtual-display to start Xvfb for this run (apt-get install xvfb)';

/** How long an action has to stop after its step timed out before its desktop process is ended. */
const abortGraceMs = 1000;

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

type Reply = string | boolean | string[] | LookAnswer | undefined;
type Waiter = {resolve: (value: Reply) => void; reject: (error: Error) => void};

/** One desktop child process: nut-js and the X client live there, so an X failure ends it, not the worker. */
class DesktopChild {
	private nextId = 1;
	private readonly pending = new Map<number, Waiter>();
	died?: string;
	stderr = '';

	private constructor(readonly process: ChildProcess, readonly screen: {width: number; height: number}, stderr: string) {
		this.stderr = stderr;
		process.stderr!.on('data', (text: string) => {
			this.stderr = (this.stderr + text).slice(-4000);
		});
		process.on('message', (reply: DesktopReply) => {
			if ('ready' in reply) return;
			const waiter = this.pending.get(reply.id);
			this.pending.delete(reply.id);
			if (reply.ok) waiter?.resolve(reply.value);
			else waiter?.reject(new LookFailed(reply.error, reply.screenshot));
		});
		process.on('exit', (code, signal) => {
			this.died ??= `the desktop process died (${signal ?? `exit code ${code}`}${this.lastWords()})`;
			for (const waiter of this.pending.values()) waiter.reject(new Error(this.died));
			this.pending.clear();
		});
	}

	/** What it printed last: Xlib names the X error that ended it ("BadMatch", "connection lost"). */
	private lastWords(): string {
		const lines = this.stderr.split('\n').map(line => line.trim()).filter(Boolean);
		const said = lines.find(line => /x error|error|could not|cannot|lost/i.test(line)) ?? lines.at(-1);
		return said ? `: ${said.slice(0, 300)}` : ': the display may be gone';
	}

	static async start(env: NodeJS.ProcessEnv): Promise<DesktopChild> {
		const display = env.DISPLAY;
		if (!display) throw new UserError(`the nut driver needs an X display and DISPLAY is not set: ${needDisplayAdvice}`);
		const entry = desktopEntry();
		// Advanced serialization: template PNGs travel as bytes, not as JSON arrays of numbers.
		const child = fork(entry.file, [], {execArgv: entry.execArgv, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced'});
		let stderr = '';
		const collect = (text: string) => {
			stderr = (stderr + text).slice(-4000);
		};
		child.stderr!.setEncoding('utf8').on('data', collect);
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
		child.stderr!.off('data', collect);
		return new DesktopChild(child, screen, stderr);
	}

	call(request: DesktopRequest extends infer R ? R extends {id: number} ? Omit<R, 'id'> : never : never, signal?: AbortSignal): Promise<Reply> {
		if (this.died) return Promise.reject(new Error(this.died));
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, {resolve, reject});
			this.process.send({...request, id} as DesktopRequest);
			if (!signal) return;
			const onAbort = () => {
				if (!this.pending.has(id)) return;
				this.process.send({call: 'abort', id} satisfies DesktopRequest);
				// An action that does not stop in time is stopped with its process: no retry may overlap it.
				setTimeout(() => {
					if (!this.pending.has(id)) return;
					this.died = `the desktop process was ended: its action did not stop within ${abortGraceMs}ms of the step's timeout`;
					this.process.kill('SIGKILL');
				}, abortGraceMs).unref();
			};
			if (signal.aborted) onAbort();
			else signal.addEventListener('abort', onAbort, {once: true});
		});
	}

	async close(): Promise<void> {
		if (this.process.exitCode !== null || this.process.signalCode !== null) return;
		const exited = new Promise(resolve => this.process.once('exit', resolve));
		if (this.process.connected) this.process.disconnect();
		const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	}
}

/**
 * The `nut` driver as seen from a worker: desktop actions go to a child process that holds
 * nut-js and the X client. Starting it is the display probe: a missing or dead display ends
 * the child, never this process. A child that dies mid-job fails that try, and the next try
 * starts a new one (the log says why the old one died). Programs a robot opens are started
 * here, each in its own process group, and ended with the driver.
 */
export class RemoteNutDriver implements DesktopDriver {
	readonly name = 'nut' as const;
	private notice?: string;
	readonly programs: ProgramsOpened;

	private constructor(private child: DesktopChild, private readonly env: NodeJS.ProcessEnv) {
		this.programs = new ProgramsOpened(env);
	}

	static async start(env: NodeJS.ProcessEnv = process.env): Promise<RemoteNutDriver> {
		return new RemoteNutDriver(await DesktopChild.start(env), env);
	}

	get screen(): {width: number; height: number} {
		return this.child.screen;
	}

	/** The child, started again when the last one died; the next log line says why it died. */
	private async live(): Promise<DesktopChild> {
		if (this.child.died) {
			const why = this.child.died;
			this.child = await DesktopChild.start(this.env);
			this.notice = `started a new desktop process: ${why}`;
		}
		return this.child;
	}

	takeNotice(): string | undefined {
		const notice = this.notice;
		this.notice = undefined;
		return notice;
	}

	async perform(action: DesktopAction, signal?: AbortSignal): Promise<string | undefined> {
		if (action.action === 'open') return this.programs.open(action);
		const value = await (await this.live()).call({call: 'perform', action}, signal);
		return typeof value === 'string' ? value : undefined;
	}

	async look(look: ScreenLook, signal?: AbortSignal): Promise<LookAnswer | undefined> {
		return (await (await this.live()).call({call: 'look', look}, signal)) as LookAnswer;
	}

	/** Loads the OCR engine in the desktop process while the robot's first steps run. */
	async warmOcr(lang: string): Promise<void> {
		await (await this.live()).call({call: 'warmOcr', lang});
	}

	async screenshot(file: string): Promise<boolean> {
		return (await (await this.live()).call({call: 'screenshot', file})) === true;
	}

	/** Which key names this display's keyboard takes (scripts/probe-keys.ts). */
	async probeKeys(): Promise<string[]> {
		return (await (await this.live()).call({call: 'probeKeys'})) as string[];
	}

	/** The desktop child's pid, for tests that end it on purpose. */
	get desktopPid(): number | undefined {
		return this.child.process.pid;
	}

	async close(): Promise<void> {
		await this.programs.endAll();
		await this.child.close();
	}
}

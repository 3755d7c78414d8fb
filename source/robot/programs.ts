import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {endGroup, forgetStarted, recordStarted} from './process-registry.js';

/** How long a program has to fail at start (a missing library, a bad argument) before `open` counts it as started. */
const startCheckMs = 150;

/**
 * The programs a job's `open` steps started, on the job's display. No shell: the program and
 * its arguments are passed as given, so a customer's name in an argument stays one argument.
 * Each runs in a process group of its own, ended with everything it started when the job ends.
 */
export class ProgramsOpened {
	private readonly pids = new Set<number>();

	constructor(private readonly env: NodeJS.ProcessEnv) {}

	async open(request: {app: string; args: string[]; cwd?: string}): Promise<string> {
		if (request.cwd !== undefined && !fs.statSync(request.cwd, {throwIfNoEntry: false})?.isDirectory()) {
			throw new Error(`cwd ${request.cwd} is not a folder`);
		}
		const child = spawn(request.app, request.args, {cwd: request.cwd, env: this.env, detached: true, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr!.setEncoding('utf8').on('data', (text: string) => {
			stderr = (stderr + text).slice(-1000);
		});
		await new Promise<void>((resolve, reject) => {
			child.once('spawn', () => resolve());
			child.once('error', error => {
				const code = (error as NodeJS.ErrnoException).code;
				reject(new Error(code === 'ENOENT' ? `no program "${request.app}" (not found on PATH)` : code === 'EACCES' ? `"${request.app}" is not executable` : `cannot start "${request.app}": ${error.message}`));
			});
		});
		const pid = child.pid!;
		this.pids.add(pid);
		recordStarted(pid, `"${request.app}" opened by a robot`, true);
		child.once('exit', () => {
			// The group may live on (a launcher that forked); endAll still ends it.
			if (!groupAlive(pid)) {
				this.pids.delete(pid);
				forgetStarted(pid);
			}
		});
		const early = await new Promise<{code: number | null; signal: NodeJS.Signals | null} | undefined>(resolve => {
			const timer = setTimeout(() => resolve(undefined), startCheckMs);
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				resolve({code, signal});
			});
		});
		if (early && early.code !== 0) {
			const said = stderr.trim().split('\n').at(-1);
			throw new Error(`"${request.app}" (pid ${pid}) ended at once (${early.signal ?? `exit code ${early.code}`})${said ? `: ${said}` : ''}`);
		}
		child.stderr!.destroy();
		child.unref();
		return `started ${request.app} (pid ${pid})${early ? ', which finished at once' : ''}`;
	}

	/** Ends every program still running (process group: what they started too); one line each for the log. */
	async endAll(): Promise<string[]> {
		const said: string[] = [];
		await Promise.all([...this.pids].map(async pid => {
			const how = await endGroup(pid);
			if (how !== 'gone') said.push(`${how === 'killed' ? 'killed' : 'ended'} program pid ${pid} opened by this job`);
		}));
		this.pids.clear();
		return said;
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

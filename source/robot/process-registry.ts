import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {writeFileAtomic} from '../store/atomic-write.js';

/**
 * What a worker (or `robot run`) started on a display: its Xvfb and the programs its robots
 * opened, recorded by pid and start time in a private folder. A process killed with kill -9
 * cannot clean up; the next one to start reads the records of dead owners and ends what they
 * left (a pid is only trusted with its recorded start time, so a reused pid is never killed).
 */
export type StartedProcess = {pid: number; start: string; what: string; group: boolean};
type Record = {owner: number; ownerStart: string; processes: StartedProcess[]};

function folder(): string {
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	const dir = path.join(os.tmpdir(), `opsdesk-${uid}`, 'started');
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	return dir;
}

/** The kernel's start time of a process (clock ticks since boot), or undefined when it is gone. */
export function startTimeOf(pid: number): string | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command (which may hold spaces and parentheses); starttime is field 22.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function sameProcess(pid: number, start: string): boolean {
	return startTimeOf(pid) === start;
}

const mine: StartedProcess[] = [];

function save(): void {
	const file = path.join(folder(), `${process.pid}.json`);
	if (mine.length === 0) {
		fs.rmSync(file, {force: true});
		return;
	}
	const record: Record = {owner: process.pid, ownerStart: startTimeOf(process.pid) ?? '', processes: mine};
	writeFileAtomic(file, JSON.stringify(record));
}

export function recordStarted(pid: number, what: string, group: boolean): void {
	const start = startTimeOf(pid);
	if (start === undefined) return;
	mine.push({pid, start, what, group});
	save();
}

export function forgetStarted(pid: number): void {
	const index = mine.findIndex(entry => entry.pid === pid);
	if (index >= 0) mine.splice(index, 1);
	save();
}

function kill(entry: StartedProcess, signal: NodeJS.Signals): void {
	try {
		process.kill(entry.group ? -entry.pid : entry.pid, signal);
	} catch {
		// Gone already.
	}
}

/** Ends what dead owners left running; resolves to one line per process ended, for the log. */
export async function reapLeftovers(): Promise<string[]> {
	const dir = folder();
	const ended: string[] = [];
	for (const name of fs.readdirSync(dir).filter(entry => entry.endsWith('.json'))) {
		const file = path.join(dir, name);
		let record: Record;
		try {
			record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record;
		} catch {
			continue;
		}
		if (sameProcess(record.owner, record.ownerStart)) continue;
		const alive = record.processes.filter(entry => sameProcess(entry.pid, entry.start));
		for (const entry of alive) kill(entry, 'SIGTERM');
		const deadline = Date.now() + 2000;
		while (alive.some(entry => sameProcess(entry.pid, entry.start)) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
		for (const entry of alive) {
			if (sameProcess(entry.pid, entry.start)) kill(entry, 'SIGKILL');
			ended.push(`ended ${entry.what} (pid ${entry.pid}) left running by process ${record.owner}, which is gone`);
		}
		fs.rmSync(file, {force: true});
	}
	return ended;
}

/** Ends a process group this process started: politely, then by force after `graceMs`. */
export async function endGroup(pid: number, graceMs = 2000): Promise<'ended' | 'killed' | 'gone'> {
	const start = startTimeOf(pid);
	const groupAlive = () => {
		try {
			process.kill(-pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	if (start === undefined && !groupAlive()) {
		forgetStarted(pid);
		return 'gone';
	}
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		// Already gone.
	}
	const deadline = Date.now() + graceMs;
	while (groupAlive() && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 25));
	let how: 'ended' | 'killed' = 'ended';
	if (groupAlive()) {
		how = 'killed';
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// Gone meanwhile.
		}
	}
	forgetStarted(pid);
	return how;
}

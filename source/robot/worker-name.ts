import os from 'node:os';
import {unprintableProblem} from '../text/printable.js';

const longestName = 100;

/** A worker's own name: `host:pid` is unique among the workers sharing one queue, on any number of hosts. */
export function defaultWorkerName(): string {
	return `${os.hostname()}:${process.pid}`;
}

/**
 * The problem with a name given with `worker --name`, or undefined. The name is shown in
 * `jobs show`, logs and the desk, so it is one line of printable text; it need not be unique
 * (two workers may call themselves `packing-station`), but then only the log tells them apart.
 */
export function workerNameProblem(name: string): string | undefined {
	if (name.trim() === '') return 'must not be empty';
	if (name !== name.trim()) return 'must not start or end with spaces';
	if ([...name].length > longestName) return `may be at most ${longestName} characters`;
	return unprintableProblem(name, 'one-line');
}

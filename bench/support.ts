import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Generated data is kept between runs in .bench/ (ignored by git): a million rows take a while to make. */
export function benchFolder(): string {
	const folder = path.resolve('.bench');
	fs.mkdirSync(folder, {recursive: true});
	return folder;
}

export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Wall time of a whole process, as a user would experience it. */
export function timeCommand(command: string, args: string[], options: {input?: string} = {}) {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {input: options.input, encoding: 'utf8', maxBuffer: 1 << 28});
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	return {seconds, code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

import fs from 'node:fs';
import path from 'node:path';
import {spawn, spawnSync} from 'node:child_process';
import {expect} from 'vitest';
import {afterTest} from './after-test.js';

/** A FIFO named `name` in `folder`. */
export function fifoIn(folder: string, name = 'pipe.csv'): string {
	const fifo = path.join(folder, name);
	expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
	return fifo;
}

/**
 * Reads `fifo` from another process (a write to a FIFO blocks until a reader opens it, and
 * the synchronous writers block this thread), into `out`. Resolves to what was read; a reader
 * still waiting after 10 s (the writer never opened the FIFO) is killed and gives `undefined`.
 */
export function readFromOtherEnd(fifo: string, out = `${fifo}.read`): Promise<string | undefined> {
	const child = spawn('sh', ['-c', 'exec cat "$1" > "$2"', 'sh', fifo, out], {stdio: 'ignore'});
	afterTest(() => {
		if (child.exitCode === null) child.kill('SIGKILL');
	});
	return new Promise(resolve => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve(undefined);
		}, 10_000);
		child.on('exit', code => {
			clearTimeout(timer);
			resolve(code === 0 ? fs.readFileSync(out, 'utf8') : undefined);
		});
	});
}

// The desk's frame time on the Robots tab while a worker process writes 1,000 log rows a
// second to the job it shows (following the log), against the same desk with no writer.
import {spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {render} from 'ink';
import {App} from '../source/app.js';
import {openOpsdesk, openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {openJobQueue} from '../source/robot/open-queue.js';
import {benchFolder, percentile} from './support.js';
import {FakeKeyboard} from '../test/support/fake-keyboard.js';

class Terminal extends EventEmitter {
	isTTY = true;
	columns = 120;
	rows = 40;
	write = () => true;
}

async function frames(file: string, writer: boolean): Promise<{times: number[]; rows: number}> {
	// The desk's store as `opsdesk` opens it, checking for the worker's commits every 100 ms.
	const store = await openOpsdeskStore(databaseTarget(file), {changePollMs: 100});
	const times: number[] = [];
	const keyboard = new FakeKeyboard();
	const app = render(<App store={store} databasePath={file} color />, {
		stdout: new Terminal() as unknown as NodeJS.WriteStream,
		stdin: keyboard as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 15,
		incrementalRendering: true,
		onRender: ({renderTime}) => times.push(renderTime),
	});
	await new Promise(resolve => setTimeout(resolve, 300));
	keyboard.send('2');
	await new Promise(resolve => setTimeout(resolve, 300));
	times.length = 0;
	let rows = 0;
	if (writer) {
		const child = spawn(process.execPath, ['--import', 'tsx', 'bench/robots-log-writer.ts', file, '1000', '5'], {stdio: ['ignore', 'pipe', 'inherit']});
		let output = '';
		child.stdout.on('data', chunk => (output += chunk));
		await new Promise(resolve => child.on('exit', resolve));
		rows = (JSON.parse(output) as {written: number}).written;
	} else {
		await new Promise(resolve => setTimeout(resolve, 5000));
	}
	app.unmount();
	await store.close();
	return {times, rows};
}

export async function benchRobotsFrame(): Promise<void> {
	const file = path.join(benchFolder(), 'robots-frame.db');
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, {force: true});
	const db = openOpsdesk(file);
	await openJobQueue(db).enqueue([{robot: 'busy', robotFile: 'busy.yaml', robotText: 'name: busy\nsteps:\n  - wait: 1ms\n', customerId: null}]);
	db.close();
	const idle = await frames(file, false);
	const busy = await frames(file, true);
	const describe = (times: number[]) => `${times.length} frames, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
	console.log(`desk on the Robots tab (120x40), 5 s idle: ${describe(idle.times)}`);
	console.log(`same while a worker writes ${(busy.rows / 5).toFixed(0)} log rows/s to the followed job: ${describe(busy.times)}`);
}

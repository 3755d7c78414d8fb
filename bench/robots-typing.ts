// What a `type` step costs at a real window (a python3-tk field under Xvfb): 5 characters
// (short ASCII goes key by key) and 2,000 mixed characters (pasted), against `xdotool type` of
// the same text, which types key by key remapping the keyboard for each character not on it.
import {spawn, spawnSync} from 'node:child_process';
import {RemoteNutDriver} from '../source/robot/desktop-process.js';
import {startVirtualDisplay} from '../source/robot/virtual-display.js';
import {mixedText} from '../test/robot/support/mixed-text.js';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchTyping(): Promise<void> {
	const missing = ['Xvfb', 'xdotool', 'python3'].filter(command => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
	if (missing.length > 0) {
		console.log(`type cost: skipped (install ${missing.join(', ')})`);
		return;
	}
	const display = await startVirtualDisplay({width: 1024, height: 768});
	const env = {...process.env, DISPLAY: display.display};
	const app = spawn('python3', ['test/apps/form.py', '--title', 'Bench form', '--fields', 'text'], {env, stdio: ['ignore', 'pipe', 'ignore']});
	try {
		await new Promise<void>(resolve => app.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('focus') && resolve()));
		const driver = await RemoteNutDriver.start(env);
		try {
			await driver.perform({action: 'focusWindow', title: 'Bench form'});
			const timeType = async (text: string, runs: number) => {
				const times: number[] = [];
				for (let run = 0; run < runs; run++) {
					const started = performance.now();
					await driver.perform({action: 'type', text});
					times.push(performance.now() - started);
				}
				return median(times);
			};
			const xdotool = (text: string, runs: number) => {
				const times: number[] = [];
				for (let run = 0; run < runs; run++) {
					const started = performance.now();
					spawnSync('xdotool', ['type', '--', text], {env});
					times.push(performance.now() - started);
				}
				return median(times);
			};
			const short = await timeType('Hallo', 20);
			const long = await timeType(mixedText, 5);
			const xShort = xdotool('Hallo', 10);
			const xLong = xdotool(mixedText, 1);
			console.log(`type 5 characters ("Hallo", key by key): ${short.toFixed(1)} ms (goal <= 60 ms); xdotool type: ${xShort.toFixed(1)} ms (${(xShort / short).toFixed(1)}x slower)`);
			console.log(`type 2,000 mixed characters (pasted, clipboard restored): ${long.toFixed(0)} ms; xdotool type: ${xLong.toFixed(0)} ms (${(xLong / long).toFixed(0)}x slower)`);
		} finally {
			await driver.close();
		}
	} finally {
		app.kill('SIGKILL');
		await display.stop();
	}
}

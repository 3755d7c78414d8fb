// The desk at one million customers, as ratios to a baseline measured in the same run:
// Ink drawing a static frame of the same size (100×30) in the same way.
//   search   key press in the search field → the frame with that search's results
//   page     PgDn in the list → the next page's frame
//   start    `opsdesk` spawned in a pseudo-terminal (script(1)) → its first frame on the
//            terminal, against `node` printing a static frame of the same size there.
import {spawn, spawnSync} from 'node:child_process';
import {deskCustomers, deskDatabase} from './desk-data.js';
import {percentile} from './support.js';

const starts = 8;

/** Milliseconds from spawning `command` in a 100×30 pseudo-terminal until `marker` appears on it. */
function timeToScreen(command: string, marker: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		// Without CI in the environment: Ink draws only a last frame when it thinks it runs in CI.
		const {CI: _ci, CONTINUOUS_INTEGRATION: _continuous, ...env} = process.env;
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {env});
		let seen = '';
		let elapsed = Number.NaN;
		child.stdout.on('data', (chunk: Buffer) => {
			seen += chunk.toString('utf8');
			if (Number.isNaN(elapsed) && seen.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').includes(marker)) {
				elapsed = performance.now() - start;
				child.stdin.write('q');
			}
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		child.on('error', reject);
		child.on('close', () => {
			clearTimeout(timer);
			if (Number.isNaN(elapsed)) reject(new Error(`${command}: never showed ${JSON.stringify(marker)}; it wrote ${JSON.stringify(seen.slice(-300))}`));
			else resolve(elapsed);
		});
	});
}

const fmt = (ms: number) => ms.toFixed(1);
const stats = (times: number[]) => ({p50: percentile(times, 50), p95: percentile(times, 95)});

export async function benchDesk(): Promise<void> {
	if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') {
		console.log('desk     CI is set: Ink draws only a last frame in CI, so the desk is not measured');
		return;
	}
	const file = deskDatabase();
	console.log(`${deskCustomers.toLocaleString('en')} customers in ${file}`);

	// Frames are measured in a process of their own, with React's production build like the bundled desk.
	// FORCE_COLOR: as on a terminal; with its output piped, chalk would draw no styles (no cursor, no selection) and frames would be smaller than real ones.
	const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', './bench/text-width-hooks.mjs', 'bench/desk-frames.tsx', file], {encoding: 'utf8', env: {...process.env, NODE_ENV: 'production', FORCE_COLOR: '1'}, maxBuffer: 1 << 24});
	if (child.status !== 0) throw new Error(`bench/desk-frames.tsx failed: ${child.stderr}`);
	const {baselineTimes, search, page} = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {baselineTimes: number[]; search: number[]; page: number[]};
	const baseline = stats(baselineTimes);
	console.log(`baseline static 100×30 frame after a key: p50 ${fmt(baseline.p50)} ms  p95 ${fmt(baseline.p95)} ms`);
	const searched = stats(search.filter(Number.isFinite));
	const paged = stats(page.filter(Number.isFinite));
	console.log(`search   key → frame with results, ${search.length} keys: p50 ${fmt(searched.p50)} ms (×${(searched.p50 / baseline.p50).toFixed(1)})  p95 ${fmt(searched.p95)} ms (×${(searched.p95 / baseline.p95).toFixed(1)}) (goal p95 <= 30 ms)`);
	console.log(`page     PgDn → frame, ${page.length} keys: p50 ${fmt(paged.p50)} ms  p95 ${fmt(paged.p95)} ms (×${(paged.p95 / baseline.p95).toFixed(1)}) (goal p95 <= 16 ms)`);

	if (spawnSync('sh', ['-c', 'command -v script']).status !== 0) {
		console.log('start    script(1) not found (util-linux): skipped');
		return;
	}
	const staticFrame = `${'opsdesk static frame\\n'}${`${'x'.repeat(100)}\\n`.repeat(28)}`;
	const nodeTimes: number[] = [];
	const deskTimes: number[] = [];
	for (let run = 0; run < starts; run++) {
		nodeTimes.push(await timeToScreen(`${process.execPath} -e "process.stdout.write('${staticFrame}')"`, 'opsdesk static frame'));
		// The first frame that shows the list: its column titles.
		deskTimes.push(await timeToScreen(`${process.execPath} dist/cli.js --db ${file}`, 'Name      '));
	}
	const bare = stats(nodeTimes);
	const desk = stats(deskTimes);
	console.log(`start    spawn → first frame in a pty, ${starts} runs: node printing a static frame p50 ${fmt(bare.p50)} ms; opsdesk p50 ${fmt(desk.p50)} ms  p95 ${fmt(desk.p95)} ms (×${(desk.p50 / bare.p50).toFixed(1)}) (goal <= 300 ms)`);
}

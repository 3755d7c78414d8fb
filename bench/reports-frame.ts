// The Reports tab's frame time after a key press at five million orders: from writing the
// key to stdin until the frame shows the new figures, rendered by ink-testing-library behind
// the desk's frame gate (source/components/frame-gate.ts), as the desk draws it: frames wait
// while the key's reads run, so a key is one frame, the one with its figures.
import {createRequire} from 'node:module';
import path from 'node:path';
import type {render as renderType} from 'ink-testing-library';
import type {Store} from '../source/store/store.js';
import type {Desk} from '../source/components/desk-context.js';
import {DataChanges} from '../source/hooks/data-changes.js';
import {dashboard} from '../source/reports/dashboard.js';
import {todayUtc} from '../source/orders/order-fields.js';

const percentile = (values: number[], share: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * share))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Until `done` holds for the frame on screen (and the desk), checked after every turn of the event loop. */
async function until(app: ReturnType<typeof renderType>, done: (frame: string) => boolean, what: string): Promise<void> {
	const deadline = performance.now() + 10_000;
	while (performance.now() < deadline) {
		if (done(app.lastFrame() ?? '')) return;
		await new Promise(resolve => setImmediate(resolve));
	}
	throw new Error(`${what}:\n${app.lastFrame() ?? ''}`);
}

export async function benchReportsFrame(store: Store): Promise<void> {
	// The desk ships as a production bundle; React's development build is several times slower.
	// Loaded here, after NODE_ENV is set, unless an earlier section already loaded React.
	process.env.NODE_ENV ??= 'production';
	const {default: React} = await import('react');
	const {render} = await import('ink-testing-library');
	const {Box} = await import('ink');
	const {holdFrames} = await import('../source/components/frame-gate.js');
	const {frameHoldMs} = await import('../source/app.js');
	const {ReportsScreen} = await import('../source/screens/reports.js');
	const {DeskProvider} = await import('../source/components/desk-context.js');
	const {KeyProvider} = await import('../source/keys/use-key-layer.js');
	const {KeyRegistry} = await import('../source/keys/registry.js');
	// Which React build actually runs (an earlier section may have loaded the development one).
	const require = createRequire(import.meta.url);
	const reactFolder = path.dirname(require.resolve('react'));
	const reactBuild = require.cache[path.join(reactFolder, 'cjs', 'react.production.js')] ? 'production' : 'development';
	const changes = new DataChanges();
	const desk: Desk = {db: store, databasePath: store.target.shown, color: true, notify() {}, report() {}, changed: changes.changed, changes, deferMs: 0};
	// createElement rather than JSX: JSX would load React's runtime before NODE_ENV is set.
	const h = React.createElement;
	const registry = new KeyRegistry();
	// The desk's Shell holds frames on its root the same way (source/app.tsx).
	const Gated = ({children}: {children: React.ReactNode}) => {
		const root = React.useRef(null);
		React.useLayoutEffect(() => (root.current ? holdFrames(root.current, registry, frameHoldMs) : undefined), []);
		return h(Box, {ref: root, flexDirection: 'column'}, children);
	};
	const app = render(h(DeskProvider, {value: desk},
		h(KeyProvider, {registry, onError: (error: unknown) => console.error(error), children: h(Gated, null, h(ReportsScreen, {width: 100, height: 40, active: true}))})));
	// Keys are timed from a screen showing its first figures, not from its placeholder.
	await until(app, frame => registry.calm && frame.includes('top customers'), 'the first figures never came');
	const keys = ['[', '[', ']', ']', 'c', 'p', '[', ']', 'p', '[', 'p', 'c'];
	const times: number[] = [];
	for (let round = 0; round < 3; round++) {
		for (const key of keys) {
			const before = app.lastFrame() ?? '';
			const start = performance.now();
			app.stdin.write(key);
			// Calm: the key handled and its reads in (the key pump's own test), so the frame is the final one.
			await until(app, frame => registry.calm && frame !== before, `the frame did not change after ${key}`);
			times.push(performance.now() - start);
		}
	}
	app.unmount();
	// The part of a frame spent computing figures, for comparison.
	const computing: number[] = [];
	for (const period of ['month', 'quarter', 'year'] as const) {
		for (const offset of [0, -1, -2]) {
			const start = performance.now();
			await dashboard(store, {period, offset, today: todayUtc(), currency: 'USD'});
			computing.push(performance.now() - start);
		}
	}
	console.log(`  Reports tab, key press to the frame with its figures (100x40, held by the desk's frame gate, React ${reactBuild} build, ${times.length} presses of [ ] p c): p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(Math.max(...times))} (goal <= 50 ms)`);
	console.log(`    of which figures (dashboard(): report + headline + chart): p50 ${ms(percentile(computing, 0.5))}, p95 ${ms(percentile(computing, 0.95))}`);
}

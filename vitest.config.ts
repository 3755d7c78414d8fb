import fs from 'node:fs';
import path from 'node:path';
import {defineConfig} from 'vitest/config';

/**
 * Three suites (ARCHITECTURE.md, "Tests and bench"):
 * - quick (`npm test`): every test but the long ones, on SQLite;
 * - postgres: the tests written for both engines (`describe.each(engines)`), on PostgreSQL;
 * - long: the built binary in a terminal or on X, and tests at scale (kill -9 midway, hundreds
 *   of random key sequences, many writers at once), on both engines.
 * `npm run test:long` runs the last two; CI runs all three.
 */
const long = ['test/e2e/**/*.test.{ts,tsx}', 'test/**/*.long.test.{ts,tsx}'];

/** Test files that run on each engine: they take `engines` from test/support/engines.ts. */
function bothEngineFiles(): string[] {
	const files = fs.readdirSync('test', {recursive: true, encoding: 'utf8'})
		.filter(file => /\.test\.tsx?$/.test(file) && !/\.long\.test\./.test(file) && !file.startsWith(`e2e${path.sep}`));
	return files.filter(file => /support\/engines\.js'/.test(fs.readFileSync(path.join('test', file), 'utf8'))).map(file => `test/${file}`);
}

// One throwaway PostgreSQL server for a run: the engine-parameterised tests clone its template.
const postgresServer = ['test/support/postgres-global.ts'];

export default defineConfig({
	// The plain JSX runtime (as in the bundle), so a test may run React's production build
	// (test/screens/key-bursts.long.test.ts) without a runtime mismatch.
	esbuild: {jsxDev: false},
	test: {
		// Real SQLite files, real processes and a real X display: give slow CI machines room.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two cores: end-to-end tests start Xvfb, tmux and worker processes.
		maxWorkers: 2,
		minWorkers: 1,
		// Clean-ups after each test, and the environment and folder put back after each file.
		setupFiles: ['test/support/per-file.ts'],
		projects: [
			// The quick and postgres suites run with --no-isolate (package.json): a worker keeps
			// its modules from one test file to the next, since loading ink, React, Kysely and the
			// store again for each of a hundred files took most of the quick suite's time (231 s
			// against 75 s). Support modules therefore keep no per-file state of their own
			// (test/support/after-test.ts, per-file.ts). Vitest takes isolation for the whole
			// run, not per project, so the long suite runs on its own, isolated.
			{extends: true, test: {name: 'quick', include: ['test/**/*.test.{ts,tsx}'], exclude: long, provide: {engines: ['sqlite']}}},
			{extends: true, test: {name: 'postgres', include: bothEngineFiles(), globalSetup: postgresServer, provide: {engines: ['postgres']}}},
			// Isolated: key-bursts loads React's production build and Ink without CI set.
			{extends: true, test: {name: 'long', include: long, globalSetup: postgresServer, provide: {engines: ['sqlite', 'postgres']}}},
		],
	},
});

import {defineConfig} from 'vitest/config';

/**
 * Tests that need the built binary driven through a terminal or an X display, or that stress the
 * product at scale (kill -9 midway, hundreds of random key sequences, many writers at once).
 * They run in CI (`npm run test:long`) and on demand; `npm test` keeps to the quick suite so it
 * stays under 90 s on two cores.
 */
const long = ['test/e2e/**/*.test.{ts,tsx}', 'test/**/*.long.test.{ts,tsx}'];

export default defineConfig({
	// The plain JSX runtime (as in the bundle), so a test may run React's production build
	// (test/screens/key-bursts.long.test.ts) without a runtime mismatch.
	esbuild: {jsxDev: false},
	test: {
		// One throwaway PostgreSQL server for the run: the engine-parameterised tests clone its template.
		globalSetup: ['test/support/postgres-global.ts'],
		// Real SQLite files, real processes and a real X display: give slow CI machines room.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two cores: end-to-end tests start Xvfb, tmux and worker processes.
		maxWorkers: 2,
		minWorkers: 1,
		projects: [
			{extends: true, test: {name: 'quick', include: ['test/**/*.test.{ts,tsx}'], exclude: long}},
			{extends: true, test: {name: 'long', include: long}},
		],
	},
});

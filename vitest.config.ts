import {defineConfig} from 'vitest/config';

export default defineConfig({
	// The plain JSX runtime (as in the bundle), so a test may run React's production build
	// (test/screens/key-bursts.property.test.ts) without a runtime mismatch.
	esbuild: {jsxDev: false},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// One throwaway PostgreSQL server for the run: the engine-parameterised tests clone its template.
		globalSetup: ['test/support/postgres-global.ts'],
		// Real SQLite files, real processes and a real X display: give slow CI machines room.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two cores: end-to-end tests start Xvfb, tmux and worker processes.
		maxWorkers: 2,
		minWorkers: 1,
	},
});

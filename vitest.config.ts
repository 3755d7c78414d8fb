import {defineConfig} from 'vitest/config';

export default defineConfig({
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

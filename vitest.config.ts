import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Real SQLite files, real processes and a real X display: give slow CI machines room.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two cores: end-to-end tests start Xvfb, tmux and worker processes.
		maxWorkers: 2,
		minWorkers: 1,
	},
});

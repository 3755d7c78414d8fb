// Vitest setup file, run before every test file (vitest.config.ts). Test files share their
// worker's modules, so what one file changes in the process is put back when it ends.
import {afterAll, afterEach} from 'vitest';
import {cleanUpAfterTest} from './after-test.js';

afterEach(cleanUpAfterTest);

const environment = {...process.env};
const folder = process.cwd();

afterAll(() => {
	for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
	Object.assign(process.env, environment);
	if (process.cwd() !== folder) process.chdir(folder);
});

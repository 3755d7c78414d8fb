// Vitest setup file, run before every test file (vitest.config.ts). Test files share their
// worker's modules, so what one file changes in the process is put back when it ends.
import {afterAll, afterEach, describe, inject, it} from 'vitest';
import {cleanUpAfterTest} from './after-test.js';

afterEach(cleanUpAfterTest);

const environment = {...process.env};
const folder = process.cwd();

afterAll(() => {
	for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
	Object.assign(process.env, environment);
	if (process.cwd() !== folder) process.chdir(folder);
});

// The postgres suite in a run without a server (PostgreSQL not installed, outside CI: the
// global setup said so): its files hold tests per engine only, and a file with none fails as
// empty. Each says why instead.
if (!inject('postgresUrl') && !inject('engines').includes('sqlite')) {
	describe.skip('on PostgreSQL: this run has no server (apt-get install postgresql)', () => {
		it('runs each engine\'s tests on PostgreSQL', () => {});
	});
}

import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Worker, type WorkerOptions} from 'node:worker_threads';

/**
 * Starts a worker thread from a file of this program: the built `dist/FOLDER/NAME.js` beside
 * the bundle, or the TypeScript source under tests, loaded through tsx (a worker does not
 * inherit the test runner's loader, and ignores `--import` in its execArgv).
 */
export function startWorker(callerUrl: string, folder: string, name: string, options: WorkerOptions): Worker {
	const here = fileURLToPath(callerUrl);
	const base = path.dirname(here);
	if (here.endsWith('.ts')) {
		const source = pathToFileURL(path.join(base, '..', folder, `${name}.ts`)).href;
		const tsx = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
		return new Worker(`import(${JSON.stringify(tsx)}).then(api => { api.register(); return import(${JSON.stringify(source)}); })`, {...options, eval: true});
	}
	// esbuild mirrors source folders under dist/ (dist/customers/NAME.js); the caller may sit in dist/ or dist/chunks/.
	for (const candidate of [path.join(base, folder, `${name}.js`), path.join(base, '..', folder, `${name}.js`)]) {
		if (fs.existsSync(candidate)) return new Worker(candidate, options);
	}
	throw new Error(`${folder}/${name}.js is missing beside ${here}: rebuild opsdesk (npm run build)`);
}

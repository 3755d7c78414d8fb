import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Worker, type WorkerOptions} from 'node:worker_threads';

/**
 * Starts a worker thread from a file of this program: the built `dist/FOLDER/NAME.js` beside
 * the bundle. Run from the TypeScript source (tests), it takes the built worker too when the
 * build is newer than every source file (`npm test` builds first), else the source through
 * tsx: a worker does not inherit the test runner's loader, and ignores `--import` in its
 * execArgv, and tsx takes 4-5 s to load a worker's modules where the bundle takes 0.7 s.
 */
export function startWorker(callerUrl: string, folder: string, name: string, options: WorkerOptions): Worker {
	const here = fileURLToPath(callerUrl);
	const base = path.dirname(here);
	if (here.endsWith('.ts')) {
		const sourceRoot = path.join(base, '..');
		const built = path.join(sourceRoot, '..', 'dist', folder, `${name}.js`);
		if (builtAfter(built, sourceRoot)) return new Worker(built, options);
		const source = pathToFileURL(path.join(sourceRoot, folder, `${name}.ts`)).href;
		const tsx = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
		return new Worker(`import(${JSON.stringify(tsx)}).then(api => { api.register(); return import(${JSON.stringify(source)}); })`, {...options, eval: true});
	}
	// esbuild mirrors source folders under dist/ (dist/customers/NAME.js); the caller may sit in dist/ or dist/chunks/.
	for (const candidate of [path.join(base, folder, `${name}.js`), path.join(base, '..', folder, `${name}.js`)]) {
		if (fs.existsSync(candidate)) return new Worker(candidate, options);
	}
	throw new Error(`${folder}/${name}.js is missing beside ${here}: rebuild opsdesk (npm run build)`);
}

/**
 * The same choice for a child process (`fork`): the built `dist/FOLDER/NAME.js`, or under
 * tests the source through tsx when the build is older than the source.
 */
export function childProgram(callerUrl: string, folder: string, name: string): {file: string; execArgv: string[]} {
	const here = fileURLToPath(callerUrl);
	const base = path.dirname(here);
	if (here.endsWith('.ts')) {
		const sourceRoot = path.join(base, '..');
		const built = path.join(sourceRoot, '..', 'dist', folder, `${name}.js`);
		if (builtAfter(built, sourceRoot)) return {file: built, execArgv: []};
		return {file: path.join(sourceRoot, folder, `${name}.ts`), execArgv: ['--import', 'tsx']};
	}
	for (const candidate of [path.join(base, folder, `${name}.js`), path.join(base, '..', folder, `${name}.js`)]) {
		if (fs.existsSync(candidate)) return {file: candidate, execArgv: []};
	}
	throw new Error(`${folder}/${name}.js is missing beside ${here}: rebuild opsdesk (npm run build)`);
}

/**
 * Whether `file` exists and was written after every file under `sourceRoot` last changed
 * (a few milliseconds for the whole tree, against seconds saved per worker).
 */
function builtAfter(file: string, sourceRoot: string): boolean {
	const built = fs.statSync(file, {throwIfNoEntry: false});
	if (!built) return false;
	return fs.readdirSync(sourceRoot, {recursive: true, withFileTypes: true})
		.every(entry => !entry.isFile() || fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs < built.mtimeMs);
}

// One esbuild bundle per entry point: importing ink from node_modules costs 400-500 ms at
// start, a bundle brings the desk's first frame down by ~40% (see docs/DESIGN.md "Measured").
// Splitting keeps ink and react in their own chunk, loaded only when the desk opens, so
// headless commands stay fast.
import {build} from 'esbuild';
import fs from 'node:fs';
import {inkIncrementalFix} from './ink-incremental-fix.mjs';
import {textWidthAlias} from './text-width-alias.mjs';

const entryPoints = ['source/cli.ts', 'source/robot/worker-process.ts', 'source/customers/customer-parse-worker.ts', 'source/customers/derive-worker.ts', 'source/seed/synthetic-seed-worker.ts', 'source/duplicates/pairs-worker.ts'].filter(file => fs.existsSync(file));

fs.rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints,
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	sourcemap: 'linked',
	chunkNames: 'chunks/[name]-[hash]',
	// Native addons and packages that locate files beside themselves stay in node_modules.
	// tesseract.js starts its worker script and WebAssembly core from its own folder.
	external: ['better-sqlite3', '@nut-tree-fork/*', 'react-devtools-core', 'tesseract.js'],
	// Bundled CommonJS (react) calls require(): give ESM output a real one.
	banner: {js: "import {createRequire as __opsdeskRequire} from 'node:module'; const require = __opsdeskRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
	plugins: [inkIncrementalFix, textWidthAlias],
});
fs.chmodSync('dist/cli.js', 0o755);

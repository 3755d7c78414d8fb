// Ink and the libraries it draws with (widest-line, cli-truncate, wrap-ansi, slice-ansi)
// measure every line of every frame with string-width; source/text/text-width.ts gives the
// same widths much faster for the text a desk shows (see its comment). This esbuild plugin
// makes the bundle's copy of them use it; text-width.ts itself keeps the real string-width.
import path from 'node:path';

const replacement = path.resolve('source/text/text-width.ts');

export const textWidthAlias = {
	name: 'text-width-alias',
	setup(build) {
		build.onResolve({filter: /^string-width$/}, args => (path.resolve(args.importer) === replacement ? undefined : {path: replacement}));
	},
};

import {pathToFileURL} from 'node:url';
import path from 'node:path';

const replacement = pathToFileURL(path.resolve('source/text/text-width.ts')).href;

export async function resolve(specifier, context, nextResolve) {
	if (specifier === 'string-width' && context.parentURL !== replacement) return nextResolve(replacement, context);
	return nextResolve(specifier, context);
}

import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';
import {writeFileAtomic} from '../store/atomic-write.js';

/**
 * Writes each file whole (source/store/atomic-write.ts: beside its target, then renamed; a
 * link followed) into `folder`, creating it, and returns the paths written. A failure names
 * the file and leaves no partial file.
 */
export function writeReportFiles(folder: string, files: Record<string, string>): string[] {
	try {
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
	} catch (error) {
		throw new UserError(`${folder}: cannot create the export folder: ${describeFileError(error)}`);
	}
	return Object.entries(files).map(([name, text]) => {
		const target = path.join(folder, name);
		writeFileAtomic(target, text);
		return target;
	});
}

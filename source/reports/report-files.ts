import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../store/errors.js';

/**
 * Writes each file whole (beside its target, then renamed) into `folder`, creating it,
 * and returns the paths written. A failure names the file and leaves no partial file.
 */
export function writeReportFiles(folder: string, files: Record<string, string>): string[] {
	try {
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
	} catch (error) {
		throw new UserError(`${folder}: cannot create the export folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	return Object.entries(files).map(([name, text]) => {
		const target = path.join(folder, name);
		const temporary = `${target}.partial-${process.pid}`;
		try {
			fs.writeFileSync(temporary, text, {mode: 0o600});
			fs.renameSync(temporary, target);
		} catch (error) {
			fs.rmSync(temporary, {force: true});
			throw new UserError(`${target}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
		}
		return target;
	});
}

import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {UserError, exitCodes} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';
import type {RejectedRow} from '../customers/customer-import.js';

/**
 * Writes the rejected rows as they were in the file, with an `error` column saying why,
 * so they can be fixed and imported again (import ignores `error`). A file that already
 * has an `error` column (a fixed rejects file) gets it overwritten, not a second one.
 * Short rows are padded to the header; long rows keep their extra fields.
 */
export function writeRejects(target: string, header: readonly string[], rows: readonly RejectedRow[]): void {
	const existing = header.findIndex(name => name.trim().toLowerCase() === 'error');
	const columns = existing === -1 ? [...header, 'error'] : [...header];
	const errorAt = existing === -1 ? header.length : existing;
	const records = rows.map(row => {
		const record = [...row.record];
		while (record.length < header.length) record.push('');
		if (existing === -1 && record.length > header.length) record.push(row.reason);
		else record[errorAt] = row.reason;
		return record;
	});
	const destination = path.resolve(target);
	const temporary = `${destination}.partial-${process.pid}`;
	try {
		fs.writeFileSync(temporary, stringify([columns, ...records]), {mode: 0o600});
		fs.renameSync(temporary, destination);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw new UserError(`${target}: cannot write the rejects file: ${describeFileError(error)}`, exitCodes.usage);
	}
}

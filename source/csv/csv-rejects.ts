import {stringify} from 'csv-stringify/sync';
import {UserError, exitCodes} from '../store/errors.js';
import {openAtomicFileSync, type AtomicFileSync} from '../store/atomic-write.js';
import {sameFile} from '../store/same-file.js';
import {rejectsColumn} from './csv-header.js';
import {guardRawCell} from './formula-cells.js';

/** A row that was not imported: where it is, why, and the fields as they were in the file. */
export type RejectedRow = {line: number; reason: string; record: string[]};

const rowsPerWrite = 1000;

/**
 * The `--rejects` file of every import: the rejected rows as they were in the file, with an
 * `error` column saying why, so they can be fixed in a spreadsheet and imported again (every
 * import ignores `error`). A file that already has an `error` column (a fixed rejects file)
 * gets it overwritten, not a second one. Short rows are padded to the header; long rows keep
 * their extra fields.
 *
 * It is opened before the import's transaction (so a folder, a missing folder or a read-only
 * place stops the import before anything is written) and put in place just before the
 * transaction commits: a failure to write it (a full disk) rolls the import back, so a rerun
 * never adds the same rows twice. Cells a spreadsheet would run as formulas get a `'`, which
 * the next import takes off again (formula-cells.ts); `raw` keeps every cell exactly.
 */
export class RejectsFile {
	private readonly file: AtomicFileSync;
	/** Fields in the imported file's header, and where the reason goes. */
	private width = 0;
	private errorAt = 0;
	private hasErrorColumn = false;
	private headerWritten = false;
	private pending: string[][] = [];
	rows = 0;

	private constructor(readonly target: string, private readonly raw: boolean) {
		this.file = openAtomicFileSync(target);
	}

	/** Checks and opens the target; throws a usage error (exit 1) naming it when it cannot be written. */
	static open(target: string, options: {input?: string; raw?: boolean} = {}): RejectsFile {
		if (!target) throw new UserError('--rejects needs a file name', exitCodes.usage);
		// The same file however spelled or linked to: writing it would replace the rows being read.
		if (options.input && sameFile(target, options.input)) {
			throw new UserError(`--rejects ${target}: that is the file being imported; name another file. Nothing was imported`, exitCodes.usage);
		}
		try {
			return new RejectsFile(target, options.raw ?? false);
		} catch (error) {
			if (!(error instanceof UserError)) throw error;
			throw new UserError(`--rejects ${error.message}. Nothing was imported`, exitCodes.usage);
		}
	}

	/** The header of the file being imported; must come before the first row. */
	setHeader(names: readonly string[]): void {
		const existing = names.findIndex(name => name.trim().toLowerCase() === rejectsColumn);
		this.hasErrorColumn = existing !== -1;
		this.width = names.length;
		this.errorAt = existing === -1 ? names.length : existing;
		this.pending.push([...names, ...(this.hasErrorColumn ? [] : [rejectsColumn])].map(this.cell));
		this.headerWritten = true;
	}

	add(row: RejectedRow): void {
		const record = [...row.record];
		while (record.length < this.width) record.push('');
		if (!this.hasErrorColumn && record.length > this.width) record.push(row.reason);
		else record[this.errorAt] = row.reason;
		this.pending.push(record.map(this.cell));
		this.rows++;
		if (this.pending.length >= rowsPerWrite) this.flush();
	}

	/** Writes what is left and puts the file in place. */
	commit(): void {
		if (!this.headerWritten) this.pending.unshift([rejectsColumn]);
		this.flush();
		try {
			this.file.commit();
		} catch (error) {
			throw nothingImported(error);
		}
	}

	abort(): void {
		this.file.abort();
	}

	private readonly cell = (value: string): string => (this.raw ? value : guardRawCell(value));

	private flush(): void {
		if (this.pending.length === 0) return;
		try {
			this.file.write(stringify(this.pending));
		} catch (error) {
			throw nothingImported(error);
		}
		this.pending = [];
	}
}

/** A rejects file that failed midway rolls the import back: say so, keeping the failure's exit code. */
function nothingImported(error: unknown): unknown {
	if (!(error instanceof UserError)) return error;
	return new UserError(`--rejects ${error.message}. Nothing was imported (the rejected rows are the only record of what was left out)`, error.exitCode);
}

import {stringify} from 'csv-stringify/sync';
import {openAtomicFileSync, type AtomicFileSync} from '../store/atomic-write.js';
import {guardCell} from './formula-cells.js';

const rowsPerWrite = 2000;

/**
 * Writes an export: RFC 4180 CSV (quoted where needed, CRLF-free `\n` rows), through a
 * private temporary file renamed into place only when whole (atomic-write.ts), so a failed
 * or interrupted export never leaves half a file under the name asked for. Cells a
 * spreadsheet would run as formulas get a leading `'` (formula-cells.ts) unless `raw`.
 */
export class CsvFileWriter {
	private readonly file: AtomicFileSync;
	private pending: string[][] = [];
	rows = 0;

	constructor(target: string, private readonly options: {raw?: boolean} = {}) {
		this.file = openAtomicFileSync(target);
	}

	header(columns: readonly string[]): void {
		this.pending.push([...columns]);
	}

	row(values: readonly string[]): void {
		this.pending.push(this.options.raw ? [...values] : values.map(guardCell));
		this.rows++;
		if (this.pending.length >= rowsPerWrite) this.flush();
	}

	commit(): void {
		this.flush();
		this.file.commit();
	}

	abort(): void {
		this.file.abort();
	}

	/** Runs `write` with this file; commits when it returns, removes the file when it throws. */
	static write<T>(target: string, options: {raw?: boolean}, write: (writer: CsvFileWriter) => T): T {
		const writer = new CsvFileWriter(target, options);
		try {
			const result = write(writer);
			writer.commit();
			return result;
		} catch (error) {
			writer.abort();
			throw error;
		}
	}

	/** The same for a `write` that awaits (rows streamed from the store). */
	static async writeAsync<T>(target: string, options: {raw?: boolean}, write: (writer: CsvFileWriter) => Promise<T>): Promise<T> {
		const writer = new CsvFileWriter(target, options);
		try {
			const result = await write(writer);
			writer.commit();
			return result;
		} catch (error) {
			writer.abort();
			throw error;
		}
	}

	private flush(): void {
		if (this.pending.length === 0) return;
		this.file.write(stringify(this.pending));
		this.pending = [];
	}
}

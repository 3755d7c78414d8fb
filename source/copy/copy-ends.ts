import type {CopyTable, RowBatch, TableShape} from './copy-tables.js';

/** Where a copy reads: every table in key order, from one snapshot. */
export interface CopySource {
	readonly tables: TableShape[];
	rows(table: CopyTable): AsyncIterable<RowBatch>;
	close(): Promise<void>;
}

/**
 * Where a copy writes: nothing of it is visible until `commit`, and `abort` (or the process
 * dying) leaves the destination as it was, empty or with its old data.
 */
export interface CopyDestination {
	readonly tables: TableShape[];
	/** Starts the one transaction; refuses (ConflictError) a destination holding data unless `replace`. */
	begin(options: {replace: boolean}): Promise<void>;
	write(table: CopyTable, batch: RowBatch): Promise<void>;
	/** Indexes, triggers, search index and identities, after the last row. */
	finish(): Promise<void>;
	/** The table as written, read back for the check. */
	digest(table: CopyTable): Promise<{rows: number; checksum: string}>;
	commit(): Promise<void>;
	abort(): Promise<void>;
}

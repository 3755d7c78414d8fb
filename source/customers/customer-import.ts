import {sql} from 'kysely';
import {UserError, exitCodes} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import type {Db} from '../store/store.js';
import type {ChangeOrigin} from '../events/record-events.js';
import {importRecordBatches, isVcardFile, refuseMappingOfVcard} from '../moving-in/import-records.js';
import type {ColumnPlan, MappingOptions} from '../moving-in/column-plan.js';
import type {CustomerFields} from './customer-fields.js';
import {RejectsFile, type RejectedRow} from '../csv/csv-rejects.js';
import {bulkBatch, startBulkInsert, type BulkInsert, type BulkExtras} from './customer-bulk.js';
import {CustomerRowChecker, type CheckedCustomerRow} from './customer-import-rows.js';
import type {CsvStamp} from './customer-csv-row.js';

export type {RejectedRow};

export type ImportOptions = {
	/** Check everything, write nothing (a rejects file is still written: it is a report). */
	dryRun?: boolean;
	/** Called for each bad row as it is found, so a report can stream. */
	onReject?: (row: RejectedRow) => void;
	/** Writes the bad rows here, together with the import: see RejectsFile. */
	rejectsFile?: string;
	/** Take cells exactly as written: no `'` taken off formula-like values (formula-cells.ts). */
	raw?: boolean;
	/** How the file is named in messages (the path as the user typed it). */
	label?: string;
	clock?: Clock;
	/** Who imports, for record listeners (an operator unless said otherwise). */
	origin?: ChangeOrigin;
	/** How another system's columns become fields (`--map`, `--status-map`, `--extra`: moving-in/column-plan.ts). */
	mapping?: MappingOptions;
	/** Called once the header is read and a column plan chosen (not for an opsdesk file). */
	onPlan?: (plan: ColumnPlan) => void;
	/** Called for each row that is (or in a dry run would be) imported, with its line. */
	onAccepted?: (line: number, fields: CustomerFields) => void;
};

export type ImportResult = {
	imported: number;
	rejected: number;
	/** The header as written in the file (for a rejects file with the same columns). */
	header: string[];
};

/** Emails of live customers as `[email, id]`, for CustomerRowChecker. */
export async function liveCustomerEmails(db: Db): Promise<Array<[string, number]>> {
	const found = await sql<{email: string; id: number}>`SELECT email, id FROM customers WHERE deleted_at IS NULL AND email <> ''`.execute(db.db);
	return found.rows.map(row => [row.email, Number(row.id)]);
}

/** A dry run changes nothing but must see one consistent set of emails: a read transaction; otherwise one write transaction. */
export function importTransaction<T>(db: Db, dryRun: boolean | undefined, work: (tx: Db) => Promise<T>): Promise<T> {
	return dryRun ? db.read(work) : db.write(work);
}

/**
 * Imports customers from a CSV file: every valid row in one transaction, each bad row
 * reported with its line. A header problem or malformed quoting throws before anything
 * is committed, and so does a rejects file that cannot be written. This reads the file in
 * the caller's thread; `importCustomersFile` (customer-import-file.ts) is the command's
 * version, with a parse worker, progress and Ctrl-C.
 */
export async function importCustomersCsv(db: Db, file: string, options: ImportOptions = {}): Promise<ImportResult> {
	const label = options.label ?? file;
	refuseMappingOfVcard(file, label, options.mapping);
	const rejects = options.rejectsFile === undefined ? undefined : RejectsFile.open(options.rejectsFile, {input: file, raw: options.raw});
	try {
		return await importTransaction(db, options.dryRun, async tx => {
			// A card's text is never a spreadsheet cell: no `'` to take off.
			const checker = new CustomerRowChecker(label, {raw: options.raw || isVcardFile(file), mapping: options.mapping});
			checker.addLiveEmails(await liveCustomerEmails(tx));
			const writer = await CustomerImportWriter.start(tx, {...options, rejects});
			for (const batch of importRecordBatches(file, label)) {
				for (let index = 0; index < batch.records.length; index++) {
					const row = checker.check(batch.records[index]!, batch.lines[index]!);
					if (row) writer.take(row);
					else if (checker.header && !writer.header) writer.setHeader(checker.header.names, checker.plan);
					if (writer.pending >= bulkBatch) await writer.flush();
				}
				for (const [line, reason, record] of batch.rejected ?? []) writer.take({ok: false, line, reason, record});
			}
			return writer.finish(label);
		});
	} catch (error) {
		rejects?.abort();
		throw error;
	}
}

/**
 * The writing half of an import, inside the caller's transaction: inserts the accepted rows
 * (through the bulk insert), reports and collects the rejected ones, and at the end builds
 * what the bulk insert deferred and puts the rejects file in place, so both commit together.
 */
export class CustomerImportWriter {
	header: string[] | undefined;
	imported = 0;
	rejected = 0;
	private readonly rejects: RejectsFile | undefined;
	private readonly onReject: ((row: RejectedRow) => void) | undefined;
	private readonly onPlan: ((plan: ColumnPlan) => void) | undefined;
	private readonly onAccepted: ((line: number, fields: CustomerFields) => void) | undefined;

	private constructor(private readonly bulk: BulkInsert | undefined, private readonly ids: KeptIds, options: ImportOptions & {rejects?: RejectsFile}) {
		this.rejects = options.rejects;
		this.onReject = options.onReject;
		this.onPlan = options.onPlan;
		this.onAccepted = options.onAccepted;
	}

	/** Inside the caller's transaction: a write transaction, or a read one for a dry run (nothing is inserted). */
	static async start(db: Db, options: ImportOptions & {rejects?: RejectsFile; ranked?: boolean}): Promise<CustomerImportWriter> {
		const now = (options.clock ?? systemClock)();
		const bulk = options.dryRun ? undefined : await startBulkInsert(db, {now, ranked: options.ranked, origin: options.origin});
		const empty = (await sql`SELECT 1 FROM customers LIMIT 1`.execute(db.db)).rows.length === 0;
		return new CustomerImportWriter(bulk, new KeptIds(empty), options);
	}

	/** Rows taken but not written yet. */
	get pending(): number {
		return this.bulk?.pending ?? 0;
	}

	/** Writes the rows taken so far: call between batches. */
	async flush(): Promise<void> {
		await this.bulk?.flush();
	}

	setHeader(names: string[], plan?: ColumnPlan): void {
		this.header = names;
		this.rejects?.setHeader(names);
		if (plan) this.onPlan?.(plan);
	}

	/** `derived`: what the row's derive worker computed; taken over (and completed) as the row's extras. */
	take(row: CheckedCustomerRow, derived?: BulkExtras): void {
		if (!row.ok) {
			this.rejected++;
			const rejected = {line: row.line, reason: row.reason, record: row.record};
			this.rejects?.add(rejected);
			this.onReject?.(rejected);
			return;
		}
		this.imported++;
		this.onAccepted?.(row.line, row.fields);
		if (!this.bulk) return;
		const {stamp} = row;
		// Completed in place, not spread into a new object: a spread was a tenth of a million-row import's inserting thread.
		const extra: BulkExtras = derived ?? {};
		extra.id = this.ids.wanted(stamp);
		if (stamp) {
			extra.createdAt = stamp.created_at;
			extra.updatedAt = stamp.updated_at ?? stamp.created_at;
			extra.version = stamp.version;
		}
		this.bulk.add(row.fields, extra);
	}

	/** Builds what the bulk insert deferred and puts the rejects file in place: call last, inside the transaction. */
	async finish(label: string, scratchIndex?: string): Promise<ImportResult> {
		if (!this.tablesFinished) await this.finishTables(label);
		await this.bulk?.finishSearch(scratchIndex);
		this.rejects?.commit();
		return {imported: this.imported, rejected: this.rejected, header: this.header!};
	}

	/** The first half of finish, for an import whose search index is built in its worker meanwhile. */
	async finishTables(label: string): Promise<void> {
		if (!this.header) throw new UserError(`${label}: the file is empty (no header row). Nothing was imported`, exitCodes.rejected);
		await this.bulk?.finishTables();
		this.tablesFinished = true;
	}

	private tablesFinished = false;
}

/**
 * Keeps an exported customer's id, so export then import into an empty database gives the
 * same customers. Ids are kept only there, and only while they rise: new rows then still get
 * ids in insertion order, which name order relies on to break ties between namesakes.
 * Elsewhere an id from another database means nothing here.
 */
class KeptIds {
	private keep: boolean;
	private last = 0;

	constructor(empty: boolean) {
		this.keep = empty;
	}

	/** The id the row should get, or undefined to take the next one. */
	wanted(stamp: CsvStamp | undefined): number | undefined {
		if (this.keep && stamp?.id !== undefined && stamp.id > this.last) {
			this.last = stamp.id;
			return stamp.id;
		}
		this.keep = false;
		return undefined;
	}
}

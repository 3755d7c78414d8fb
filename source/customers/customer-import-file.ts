import fs from 'node:fs';
import path from 'node:path';
import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {RejectsFile} from '../csv/csv-rejects.js';
import {CustomerImportWriter, importCustomersCsv, importTransaction, liveCustomerEmails, type ImportOptions, type ImportResult} from './customer-import.js';
import {fieldsOf, type ParseWorkerInput} from './customer-parse-protocol.js';
import {RowPipeline} from './row-pipeline.js';
import {removeScratchIndex, scratchIndexPath} from './search-index-file.js';
import {removeStalePartials} from '../store/atomic-write.js';
import {ImportProgress} from './import-progress.js';
import {refuseMappingOfVcard} from '../moving-in/import-records.js';

export type FileImportOptions = ImportOptions & {
	/** Draw a progress line (rows/s, ETA) on this terminal stream. */
	progress?: NodeJS.WriteStream;
	/** Cancels the import: everything is rolled back and the rejects file is not written. */
	signal?: AbortSignal;
	/** Files from this size on go through the parse worker (default 4 MB). */
	workerFromBytes?: number;
};

export type FileImportResult = ImportResult & {cancelled: boolean};

/** Files smaller than this are read in this thread: starting a worker costs more than it saves. */
const workerThreshold = 4 * 1024 * 1024;

/**
 * `import customers`: like importCustomersCsv, but a large file (or a pipe) is read, checked
 * and prepared in worker threads while this thread inserts (row-pipeline.ts), with a
 * progress line on a terminal and Ctrl-C (`signal`) rolling everything back. Into an empty
 * table the parse worker first numbers every name (name-order.ts), so rows go in with their
 * final rank and the search indexes are built once, in bulk, after the rows (customer-bulk.ts).
 */
export async function importCustomersFile(db: Db, file: string, options: FileImportOptions = {}): Promise<FileImportResult> {
	const label = options.label ?? file;
	refuseMappingOfVcard(file, label, options.mapping);
	let stat: fs.Stats | undefined;
	try {
		stat = fs.statSync(file);
	} catch {
		// The reader names what is wrong with the file.
	}
	if (!stat || (stat.isFile() && stat.size < (options.workerFromBytes ?? workerThreshold)) || stat.isDirectory()) {
		return {...await importCustomersCsv(db, file, options), cancelled: false};
	}
	const rejects = options.rejectsFile === undefined ? undefined : RejectsFile.open(options.rejectsFile, {input: file, raw: options.raw});
	const progress = options.progress ? new ImportProgress(options.progress, label, stat.isFile() ? stat.size : undefined) : undefined;
	const isFile = stat.isFile();
	let pipeline: RowPipeline | undefined;
	let scratch: string | undefined;
	try {
		return await importTransaction(db, options.dryRun, async tx => {
			const empty = (await sql`SELECT 1 FROM customers LIMIT 1`.execute(tx.db)).rows.length === 0;
			const rank = empty && !options.dryRun && isFile;
			scratch = rank ? scratchIndexFor(tx) : undefined;
			const input: Omit<ParseWorkerInput, 'flow' | 'derivers'> = {
				file, label, raw: options.raw ?? false, mapping: options.mapping, liveEmails: await liveCustomerEmails(tx), rank,
			};
			const writer = await CustomerImportWriter.start(tx, {...options, rejects, ranked: input.rank});
			pipeline = new RowPipeline(
				{folder: 'customers', name: 'customer-parse-worker', input},
				{searchKeys: tx.engine === 'postgres' && !options.dryRun, matchColumns: !options.dryRun, scratchIndex: scratch},
			);
			const done = await pipeline.take(async message => {
				if (message.kind === 'header') return writer.setHeader(message.names, message.plan);
				for (const tuple of message.accepted) {
					writer.take(
						{ok: true, line: tuple[0], fields: fieldsOf(tuple), stamp: stampOf(tuple)},
						{nameKey: tuple[15], searchText: tuple[16], rank: tuple[17] || undefined, searchKeys: tuple[18] ?? undefined, match: tuple[19]},
					);
				}
				for (const [line, reason, record] of message.rejected) writer.take({ok: false, line, reason, record});
				await writer.flush();
				progress?.update(writer.imported + writer.rejected, message.bytesPerRow);
			}, options.signal);
			if (!done) throw new ImportCancelled(writer.header);
			progress?.phase('building the indexes');
			// The search index is built in a derive worker meanwhile (row-pipeline.ts).
			const built = scratch ? pipeline.buildSearchIndex() : undefined;
			await writer.finishTables(label);
			let scratchBuilt = false;
			if (built) {
				progress?.phase('finishing the search index');
				const outcome = await untilAborted(built, options.signal);
				if (outcome === undefined) throw new ImportCancelled(writer.header);
				scratchBuilt = outcome;
			}
			const result = await writer.finish(label, scratchBuilt ? scratch : undefined);
			// Ctrl-C while the indexes were built: SQLite held the thread, so the signal is still
			// waiting in the event loop. One turn of it lets the handler run before the commit:
			// still all or nothing.
			await new Promise(resolve => setImmediate(resolve));
			if (options.signal?.aborted) throw new ImportCancelled(writer.header);
			progress?.clear();
			return {...result, cancelled: false};
		});
	} catch (error) {
		rejects?.abort();
		progress?.clear();
		if (error instanceof ImportCancelled) return {imported: 0, rejected: 0, header: error.header ?? [], cancelled: true};
		throw error;
	} finally {
		pipeline?.stop();
		if (scratch) removeScratchIndex(scratch);
	}
}

/** Thrown inside the import's transaction to roll it back when Ctrl-C stops it. */
class ImportCancelled extends Error {
	constructor(readonly header: string[] | undefined) {
		super('import cancelled');
	}
}

/** A scratch search index beside an SQLite database file (none in memory, none on PostgreSQL), after removing those of imports that died. */
export function scratchIndexFor(db: Db): string | undefined {
	const handle = db.sqlite;
	if (!handle || handle.memory || !handle.name) return undefined;
	removeStalePartials(path.dirname(handle.name));
	return scratchIndexPath(handle.name);
}

/** What `work` resolves to, or undefined when `signal` fires first. */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
	if (!signal) return work;
	if (signal.aborted) return undefined;
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<undefined>(resolve => {
		onAbort = () => resolve(undefined);
		signal.addEventListener('abort', onAbort, {once: true});
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort!);
	}
}

function stampOf(tuple: Parameters<typeof fieldsOf>[0]) {
	const [, , , , , , , , , , , id, createdAt, updatedAt, version] = tuple;
	if (id === null && createdAt === null && updatedAt === null && version === null) return undefined;
	return {id: id ?? undefined, created_at: createdAt ?? undefined, updated_at: updatedAt ?? undefined, version: version ?? undefined};
}


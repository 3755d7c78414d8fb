import fs from 'node:fs';
import path from 'node:path';
import type {Database} from 'better-sqlite3';
import {RejectsFile} from '../csv/csv-rejects.js';
import {startWorker} from '../csv/worker-file.js';
import {CustomerImportWriter, importCustomersCsv, liveCustomerEmails, type ImportOptions, type ImportResult} from './customer-import.js';
import {fieldsOf, type ParseWorkerInput} from './customer-parse-protocol.js';
import {letWorkerGo, scratchIndexBuilt, takeWorkerRows} from './row-worker.js';
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
 * and prepared in a worker thread while this thread inserts, with a progress line on a
 * terminal and Ctrl-C (`signal`) rolling everything back. Into an empty table the worker
 * first numbers every name (name-order.ts), so rows go in with their final rank and the
 * search indexes are built once, in bulk, after the rows (customer-bulk.ts).
 */
export async function importCustomersFile(db: Database, file: string, options: FileImportOptions = {}): Promise<FileImportResult> {
	const label = options.label ?? file;
	refuseMappingOfVcard(file, label, options.mapping);
	let stat: fs.Stats | undefined;
	try {
		stat = fs.statSync(file);
	} catch {
		// The reader names what is wrong with the file.
	}
	if (!stat || (stat.isFile() && stat.size < (options.workerFromBytes ?? workerThreshold)) || stat.isDirectory()) {
		return {...importCustomersCsv(db, file, options), cancelled: false};
	}
	const rejects = options.rejectsFile === undefined ? undefined : RejectsFile.open(options.rejectsFile, {input: file, raw: options.raw});
	const progress = options.progress ? new ImportProgress(options.progress, label, stat.isFile() ? stat.size : undefined) : undefined;
	db.exec(options.dryRun ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
	let worker: ReturnType<typeof startWorker> | undefined;
	let scratch: string | undefined;
	try {
		const empty = db.prepare('SELECT 1 FROM customers LIMIT 1').get() === undefined;
		const flow = new SharedArrayBuffer(8);
		const rank = empty && !options.dryRun && stat.isFile();
		scratch = rank ? scratchIndexFor(db) : undefined;
		const input: ParseWorkerInput = {
			file, label, raw: options.raw ?? false, mapping: options.mapping, liveEmails: [...liveCustomerEmails(db)], rank, scratchIndex: scratch, flow,
		};
		const writer = new CustomerImportWriter(db, {...options, rejects, ranked: input.rank});
		worker = startWorker(import.meta.url, 'customers', 'customer-parse-worker', {workerData: input});
		const built = scratch ? scratchIndexBuilt(worker) : undefined;
		// Awaited below once the rows are in; a worker that fails before is reported through the rows.
		built?.catch(() => undefined);
		const done = await takeWorkerRows(worker, new Int32Array(flow), message => {
			if (message.kind === 'header') return writer.setHeader(message.names, message.plan);
			for (const tuple of message.accepted) {
				writer.take(
					{ok: true, line: tuple[0], fields: fieldsOf(tuple), stamp: stampOf(tuple)},
					{nameKey: tuple[15], searchText: tuple[16], rank: tuple[17] || undefined},
				);
			}
			for (const [line, reason, record] of message.rejected) writer.take({ok: false, line, reason, record});
			progress?.update(writer.imported + writer.rejected, message.bytesPerRow);
		}, options.signal);
		if (!done) {
			rollBack(db, rejects, progress);
			return {imported: 0, rejected: 0, header: writer.header ?? [], cancelled: true};
		}
		progress?.phase('building the indexes');
		writer.finishTables(label);
		let scratchBuilt = false;
		if (built) {
			progress?.phase('finishing the search index');
			const outcome = await untilAborted(built, options.signal);
			if (outcome === undefined) {
				rollBack(db, rejects, progress);
				return {imported: 0, rejected: 0, header: writer.header ?? [], cancelled: true};
			}
			scratchBuilt = outcome;
		}
		const result = writer.finish(label, scratchBuilt ? scratch : undefined);
		// Ctrl-C while the indexes were built (SQLite does not yield meanwhile): still all or nothing.
		if (options.signal?.aborted) {
			rollBack(db, rejects, progress);
			return {...result, imported: 0, cancelled: true};
		}
		db.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT');
		progress?.clear();
		return {...result, cancelled: false};
	} catch (error) {
		rollBack(db, rejects, progress);
		throw error;
	} finally {
		letWorkerGo(worker);
		if (scratch) removeScratchIndex(scratch);
	}
}

/** A scratch search index beside a database file (none in memory), after removing those of imports that died. */
export function scratchIndexFor(db: Database): string | undefined {
	if (db.memory || !db.name) return undefined;
	removeStalePartials(path.dirname(db.name));
	return scratchIndexPath(db.name);
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

function rollBack(db: Database, rejects: RejectsFile | undefined, progress: ImportProgress | undefined): void {
	if (db.inTransaction) db.exec('ROLLBACK');
	rejects?.abort();
	progress?.clear();
}

function stampOf(tuple: Parameters<typeof fieldsOf>[0]) {
	const [, , , , , , , , , , , id, createdAt, updatedAt, version] = tuple;
	if (id === null && createdAt === null && updatedAt === null && version === null) return undefined;
	return {id: id ?? undefined, created_at: createdAt ?? undefined, updated_at: updatedAt ?? undefined, version: version ?? undefined};
}


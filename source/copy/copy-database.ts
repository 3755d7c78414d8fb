import {openOpsdeskStore} from '../open-opsdesk.js';
import {UserError} from '../store/errors.js';
import type {Store} from '../store/store.js';
import type {DatabaseTarget} from '../store/target.js';
import type {CopyDestination, CopySource} from './copy-ends.js';
import {planCopy} from './copy-tables.js';
import {wouldOverwriteDatabase} from '../store/same-file.js';
import {RowDigest} from './row-digest.js';

export type CopiedTable = {table: string; rows: number; checksum: string};
export type CopyReport = {tables: CopiedTable[]; seconds: number};

export type CopyOptions = {
	replace: boolean;
	busyTimeoutMs: number;
	/** Ctrl-C: stop between two batches and leave the destination as it was. */
	signal: AbortSignal;
	/** One line per table as it is copied and as it is checked. */
	onProgress?: (line: string) => void;
};

/** The copy was stopped by Ctrl-C; nothing of it was kept. */
export class CopyInterrupted extends Error {
	constructor() {
		super('copy interrupted');
		this.name = 'CopyInterrupted';
	}
}

/**
 * Copies every table of one opsdesk database into another, on either engine: ids, history,
 * jobs with their logs, effects and images, and the report rollups as they are. The source is
 * read as one snapshot; the destination gets everything in one transaction (PostgreSQL) or a
 * new file renamed into place (SQLite), and only after each table was read back and matched
 * the source row for row (count and SHA-256 in key order). Interrupted or failing, the
 * destination is left as it was.
 */
export async function copyDatabase(from: DatabaseTarget, to: DatabaseTarget, options: CopyOptions): Promise<CopyReport> {
	if (from.engine === 'sqlite' && to.engine === 'sqlite' && wouldOverwriteDatabase(to.file, from.file)) throw new UserError(`--from and --to are the same file (${to.shown}); nothing to copy`);
	const started = performance.now();
	const say = options.onProgress ?? (() => {});
	const stores: Store[] = [];
	let source: CopySource | undefined;
	let destination: CopyDestination | undefined;
	try {
		const storeOptions = {busyTimeoutMs: options.busyTimeoutMs, changePollMs: 0, connections: 2};
		const sourceStore = await openOpsdeskStore(from, storeOptions);
		stores.push(sourceStore);
		if (from.engine === 'sqlite') {
			const {SqliteSource} = await import('./copy-sqlite.js');
			source = new SqliteSource(sourceStore.sqlite!);
		} else {
			const {PostgresSource} = await import('./copy-postgres.js');
			source = await PostgresSource.open(sourceStore.pool!);
		}
		if (to.engine === 'sqlite') {
			const {SqliteDestination} = await import('./copy-sqlite.js');
			destination = SqliteDestination.open(to.file);
		} else {
			const destinationStore = await openOpsdeskStore(to, storeOptions);
			stores.push(destinationStore);
			const {PostgresDestination, PostgresSource} = await import('./copy-postgres.js');
			const postgres = await PostgresDestination.open(destinationStore.pool!, to.shown);
			destination = postgres;
			if (source instanceof PostgresSource && (await source.identity()) === (await postgres.identity())) {
				throw new UserError(`--from and --to are the same database (${to.shown}); nothing to copy`);
			}
		}
		const plan = planCopy(source.tables, destination.tables, {from: from.shown, to: to.shown});
		await destination.begin({replace: options.replace});
		const copied: CopiedTable[] = [];
		for (const table of plan) {
			const tableStarted = performance.now();
			const digest = new RowDigest();
			for await (const batch of source.rows(table)) {
				// SQLite answers synchronously: let Ctrl-C's handler run between two batches.
				await new Promise(resolve => setImmediate(resolve));
				if (options.signal.aborted) throw new CopyInterrupted();
				digest.add(batch);
				await destination.write(table, batch);
			}
			copied.push({table: table.name, rows: digest.rows, checksum: digest.finish()});
			say(`${table.name}: ${digest.rows} row${digest.rows === 1 ? '' : 's'} copied (${seconds(tableStarted)})`);
		}
		if (options.signal.aborted) throw new CopyInterrupted();
		const finishing = performance.now();
		await destination.finish();
		say(`indexes, triggers and search index made again, identities set past the copied ids (${seconds(finishing)})`);
		const checking = performance.now();
		for (const [index, table] of plan.entries()) {
			if (options.signal.aborted) throw new CopyInterrupted();
			const expected = copied[index]!;
			const found = await destination.digest(table);
			if (found.rows !== expected.rows || found.checksum !== expected.checksum) {
				throw new UserError(`${table.name} did not arrive as it left (${expected.rows} rows, checksum ${expected.checksum.slice(0, 12)}; read back ${found.rows} rows, checksum ${found.checksum.slice(0, 12)}); nothing was written to ${to.shown}`, 5);
			}
		}
		say(`every table read back and checked: same rows, same checksums (${seconds(checking)})`);
		await destination.commit();
		destination = undefined;
		return {tables: copied, seconds: (performance.now() - started) / 1000};
	} catch (error) {
		await destination?.abort().catch(() => {});
		throw error;
	} finally {
		await source?.close().catch(() => {});
		for (const store of stores.reverse()) await store.close().catch(() => {});
	}
}

function seconds(since: number): string {
	return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

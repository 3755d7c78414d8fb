import fs from 'node:fs';
import {createRequire} from 'node:module';
import {Worker} from 'node:worker_threads';
import type {Database} from 'better-sqlite3';

/** Below this much WAL, the next commit's own checkpoint is quick: nothing to gain from another thread. */
const backgroundFromBytes = 64 * 1024 * 1024;

/**
 * A bulk load's commit leaves a WAL as large as everything it wrote (a gigabyte for a million
 * customers), and SQLite's automatic checkpoint then copies it into the database and syncs
 * both files inside the commit: seconds of waiting on the disk. Deferred, the commit only
 * appends to the WAL, and `inBackground` has another connection, in a worker thread, copy it
 * while this thread goes on (an import checks the new customers for duplicates meanwhile).
 * Nothing is less safe: a checkpoint by any connection is an ordinary SQLite checkpoint, and
 * until it has run, readers read the WAL.
 */
export class DeferredCheckpoint {
	private readonly autoCheckpoint: number;

	constructor(private readonly db: Database, private readonly fromBytes = backgroundFromBytes) {
		this.autoCheckpoint = Number(db.pragma('wal_autocheckpoint', {simple: true}));
		db.pragma('wal_autocheckpoint = 0');
	}

	/** After the commit: checkpoints in a worker thread when the WAL is large; resolves once it has (a failure leaves the work to SQLite's next checkpoint). */
	async inBackground(): Promise<void> {
		try {
			if (!this.db.memory && walBytes(this.db.name) >= this.fromBytes) await checkpointInWorker(this.db.name);
		} catch {
			// Not the load's failure: the next commit or the close checkpoints as usual.
		} finally {
			this.restore();
		}
	}

	/** Puts SQLite's automatic checkpoint back (also after a load that failed). */
	restore(): void {
		this.db.pragma(`wal_autocheckpoint = ${this.autoCheckpoint}`);
	}
}

function walBytes(file: string): number {
	try {
		return fs.statSync(`${file}-wal`).size;
	} catch {
		return 0;
	}
}

function checkpointInWorker(file: string): Promise<void> {
	// An eval worker is CommonJS and resolves modules from the working folder: give it the path of ours.
	const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(`
		const Database = require(${JSON.stringify(sqlite)});
		const {workerData} = require('node:worker_threads');
		const db = new Database(workerData, {fileMustExist: true});
		try {
			db.pragma('wal_checkpoint(PASSIVE)');
		} finally {
			db.close();
		}`, {eval: true, workerData: file});
	return new Promise((resolve, reject) => {
		worker.once('error', reject);
		worker.once('exit', code => (code === 0 ? resolve() : reject(new Error(`checkpoint worker exited ${code}`))));
	});
}

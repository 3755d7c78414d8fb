import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Database} from 'better-sqlite3';
import {Kysely} from 'kysely';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {transactionDb, type Db} from '../../source/store/store.js';
import {OpsdeskSqliteDialect} from '../../source/store/sqlite/kysely-driver.js';
import type {Tables} from '../../source/store/tables.js';

const folders: string[] = [];
const databases: Database[] = [];

afterEach(() => {
	for (const db of databases.splice(0)) if (db.open) db.close();
	for (const folder of folders.splice(0)) fs.rmSync(folder, {recursive: true, force: true});
});

/** A fresh folder removed after the test. */
export function tempFolder(prefix = 'opsdesk-test-'): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

/** A real SQLite file in a temp folder, migrated, closed after the test. */
export function tempDatabase(): {db: Database; file: string; folder: string} {
	const folder = tempFolder();
	const file = path.join(folder, 'opsdesk.db');
	const db = openOpsdesk(file);
	databases.push(db);
	return {db, file, folder};
}

/**
 * The async data layer over a raw SQLite handle a test already holds (tests that set up a
 * file by hand, then run the command line against it). Closed with the handle.
 */
export function dbOf(handle: Database): Db {
	const kysely = new Kysely<Tables>({dialect: new OpsdeskSqliteDialect(handle)});
	return {
		engine: 'sqlite',
		db: kysely,
		sqlite: handle,
		write: work => kysely.transaction().execute(transaction => work(transactionDb('sqlite', transaction, handle))),
		read: work => kysely.transaction().setAccessMode('read only').execute(transaction => work(transactionDb('sqlite', transaction, handle))),
	};
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Database} from 'better-sqlite3';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {sqliteStoreOver, type Db, type Store} from '../../source/store/store.js';
import {afterTest} from './after-test.js';

/** A fresh folder removed after the test. */
export function tempFolder(prefix = 'opsdesk-test-'): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	afterTest(() => fs.rmSync(folder, {recursive: true, force: true}));
	return folder;
}

/** A real SQLite file in a temp folder, migrated, closed after the test. */
export function tempDatabase(): {db: Database; file: string; folder: string} {
	const folder = tempFolder();
	const file = path.join(folder, 'opsdesk.db');
	const db = openOpsdesk(file);
	afterTest(() => {
		if (db.open) db.close();
	});
	return {db, file, folder};
}

/**
 * The async data layer over a raw SQLite handle a test already holds (tests that set up a
 * file by hand, then run the command line against it). Closed with the handle.
 */
export function dbOf(handle: Database): Db {
	return storeOf(handle);
}

const handleStores = new WeakMap<Database, Store>();

/**
 * A store over a raw SQLite handle, one per handle: what the desk is given in screen tests.
 * Writes through it (or through dbOf of the same handle) tell its listeners at once, as a
 * real store's writes do; closing it leaves the handle to the test.
 */
export function storeOf(handle: Database): Store {
	const known = handleStores.get(handle);
	if (known) return known;
	// Other connections' commits (a second handle, the CLI in a child) are seen within 20 ms, as the desk's store sees them.
	const store = sqliteStoreOver(handle, {engine: 'sqlite', file: handle.name, shown: handle.name}, {changePollMs: 20, ownsHandle: false});
	handleStores.set(handle, store);
	return store;
}

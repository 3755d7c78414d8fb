import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Database} from 'better-sqlite3';
import {openOpsdesk} from '../../source/open-opsdesk.js';

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

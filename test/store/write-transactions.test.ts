import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

function sourceFiles(folder: string): string[] {
	return fs.readdirSync(folder, {withFileTypes: true}).flatMap(entry => {
		const file = path.join(folder, entry.name);
		return entry.isDirectory() ? sourceFiles(file) : /\.tsx?$/.test(entry.name) ? [file] : [];
	});
}

describe('every transaction says how it locks', () => {
	it('calls .immediate() (writes: take the lock first, so a writer waits instead of failing) or .deferred() (reads)', () => {
		// A bare `db.transaction(fn)()` is DEFERRED: it reads, then upgrades to a write lock,
		// and fails at once when another process committed meanwhile (999 of 1,200 once did).
		for (const file of sourceFiles('source')) {
			const text = fs.readFileSync(file, 'utf8');
			// better-sqlite3's `.transaction(fn)`; Kysely's `.transaction()` (source/store/store.ts) is BEGIN IMMEDIATE by its driver.
			const opened = text.match(/\.transaction\((?!\))/g)?.length ?? 0;
			const chosen = text.match(/\)\.(immediate|deferred|exclusive)\(/g)?.length ?? 0;
			expect(chosen, `${file}: ${opened} transactions, ${chosen} with .immediate() or .deferred()`).toBe(opened);
		}
	});
});

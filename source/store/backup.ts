import fs from 'node:fs';
import path from 'node:path';
import type {Database} from 'better-sqlite3';
import {UserError} from './errors.js';

/**
 * Copies the database with SQLite's online backup API: a consistent snapshot even while
 * workers and the desk keep writing. Written beside the target, then renamed, so a
 * half-written backup never takes the target's name.
 */
export async function backupDatabase(db: Database, target: string): Promise<{pages: number}> {
	const destination = path.resolve(target);
	if (destination === path.resolve(db.name)) throw new UserError(`${target}: backup would overwrite the live database`);
	const folder = path.dirname(destination);
	if (!fs.existsSync(folder)) throw new UserError(`${target}: folder ${folder} does not exist`);
	const temporary = `${destination}.partial-${process.pid}`;
	try {
		const result = await db.backup(temporary);
		fs.chmodSync(temporary, 0o600);
		fs.renameSync(temporary, destination);
		return {pages: result.totalPages};
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		if (error instanceof UserError) throw error;
		throw new UserError(`${target}: backup failed: ${(error as Error).message}`);
	}
}

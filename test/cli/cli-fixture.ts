import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect} from 'vitest';
import {opsdesk, type CliResult} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

/** A fresh database file and the command line against it, run in this process. */
export function freshCli() {
	const folder = tempFolder();
	const db = path.join(folder, 'opsdesk.db');
	// XDG_STATE_HOME in the test's folder: a crash log would land there, and tests check there is none.
	const env = {XDG_STATE_HOME: path.join(folder, 'state'), XDG_DATA_HOME: path.join(folder, 'data'), OPSDESK_DB: ''};
	const run = (...args: string[]) => opsdesk([...args, '--db', db], {env});
	return {folder, db, env, run, crashLogs: () => (fs.existsSync(env.XDG_STATE_HOME) ? fs.readdirSync(path.join(env.XDG_STATE_HOME, 'opsdesk')) : [])};
}

/** Every row of a table, read by a connection of the test's own, for "the database is unchanged". */
export function tableRows(file: string, table: string): unknown[] {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
	} finally {
		db.close();
	}
}

/** A snapshot of what a user could lose: customers, their history and interactions, orders. */
export function contentOf(file: string): Record<string, unknown[]> {
	return Object.fromEntries(['customers', 'customer_history', 'interactions', 'orders'].map(table => [table, tableRows(file, table)]));
}

/** One calm line (or a line and the usage), never a stack trace. */
export function expectCalm(result: CliResult, code: number, message: RegExp): void {
	expect(result.code, result.stderr).toBe(code);
	expect(result.stderr).toMatch(message);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	expect(result.stderr).not.toMatch(/internal error|crash/);
}

/** Control characters a terminal would act on: ESC, BEL, C1 (CSI U+009B, OSC U+009D), bidi overrides. */
export const terminalAttack = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

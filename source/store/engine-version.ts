import Database from 'better-sqlite3';
import type {DatabaseTarget} from './target.js';

/**
 * The engine and its version behind a target, for `opsdesk --version --db`: PostgreSQL's
 * from the server itself (one connection, nothing migrated or written), SQLite's from the
 * library opsdesk is built with (the file is not opened: it may not exist yet).
 */
export async function engineVersion(target: DatabaseTarget): Promise<string> {
	if (target.engine === 'sqlite') {
		const memory = new Database(':memory:');
		try {
			return `SQLite ${memory.prepare('SELECT sqlite_version() AS version').pluck().get() as string}`;
		} finally {
			memory.close();
		}
	}
	const {default: pg} = await import('pg');
	const client = new pg.Client({connectionString: target.url, connectionTimeoutMillis: 10_000, application_name: 'opsdesk --version'});
	// A failing connection also emits 'error'; it is answered by the rejected connect().
	client.on('error', () => {});
	try {
		await client.connect();
		const found = await client.query<{server_version: string}>('SHOW server_version');
		// "15.8 (Debian 15.8-0+deb12u1)": the number is what a person compares.
		return `PostgreSQL ${found.rows[0]!.server_version.split(' ')[0]}`;
	} finally {
		await client.end().catch(() => {});
	}
}

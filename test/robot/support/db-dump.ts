import type {Database} from 'better-sqlite3';

/**
 * Every row of every table (the search index's shadow tables and the report rollups too) as
 * text, so a test can say "nothing changed but these rows". Rows of `jobs` and `job_logs`
 * that belong to the given jobs are left out: a dry run may write its own job's record.
 */
export function databaseDump(db: Database, exceptJobs: number[] = []): string {
	const tables = db.prepare<[], {name: string; sql: string}>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
	const lines: string[] = [];
	for (const table of tables) {
		lines.push(`# ${table.name}: ${table.sql}`);
		// A virtual table (the FTS5 search index) cannot always be scanned; its shadow tables hold its rows.
		if (table.sql.startsWith('CREATE VIRTUAL TABLE')) continue;
		const rows = db.prepare(`SELECT * FROM "${table.name.replaceAll('"', '""')}"`).raw().all() as unknown[][];
		const columns = db.prepare(`SELECT * FROM "${table.name.replaceAll('"', '""')}" LIMIT 0`).columns().map(column => column.name);
		const jobColumn = table.name === 'jobs' ? columns.indexOf('id') : table.name === 'job_logs' ? columns.indexOf('job_id') : -1;
		for (const row of rows) {
			if (jobColumn >= 0 && exceptJobs.includes(Number(row[jobColumn]))) continue;
			lines.push(JSON.stringify(row, (_, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : typeof value === 'bigint' ? String(value) : value)));
		}
		lines.sort();
	}
	return lines.join('\n');
}

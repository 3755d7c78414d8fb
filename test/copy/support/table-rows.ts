import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * What copy-database must carry over, read independently of it: every table opsdesk keeps
 * (the search index is derived and rebuilt, not copied), each row by primary key.
 */
export const copiedTables: Record<string, string> = {
	customers: 'id', customer_history: 'id', interactions: 'id', orders: 'id',
	order_daily: 'currency, day, status', customer_revenue: 'customer_id, currency', customer_monthly: 'customer_id, currency, month',
	customer_quarterly: 'customer_id, currency, quarter', customer_yearly: 'customer_id, currency, year',
	interaction_daily: 'day, kind', customer_daily: 'day', jobs: 'id', job_logs: 'id', job_effects: 'job_id, step, pass',
	robot_images: 'sha256', job_images: 'job_id, name', job_monthly: 'month, robot, status, duration_bucket',
	job_quarterly: 'quarter, robot, status, duration_bucket', job_yearly: 'year, robot, status, duration_bucket',
	segments: 'id', batches: 'id', schedules: 'id', schedule_runs: 'schedule_id, due_at', triggers: 'id',
	job_emails: 'job_id, step, pass', secrets: 'name',
	merges: 'id', merge_rows: 'merge_id, seq', duplicate_dismissals: 'low_id, high_id',
};

type Rows = Record<string, Array<Record<string, unknown>>>;

const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? value.toString('hex') : value]));

/** Every copied table of a database (a file or a postgres:// URL), rows in key order, bytes as hex. */
export async function tableRows(target: string): Promise<Rows> {
	const rows: Rows = {};
	if (!target.startsWith('postgres')) {
		const db = new Database(target, {readonly: true});
		try {
			for (const [table, key] of Object.entries(copiedTables)) rows[table] = (db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all() as Array<Record<string, unknown>>).map(plain);
		} finally {
			db.close();
		}
		return rows;
	}
	const client = new pg.Client({connectionString: target});
	// bigint as a number, as SQLite gives it.
	client.setTypeParser(pg.types.builtins.INT8, Number);
	await client.connect();
	try {
		for (const [table, key] of Object.entries(copiedTables)) {
			const result = await client.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${key.split(', ').map(column => `${column} COLLATE "C"`.replace(/^(id|job_id|step|customer_id|duration_bucket|schedule_id|merge_id|seq|low_id|high_id) COLLATE "C"$/, '$1')).join(', ')}`);
			// Columns PostgreSQL derives for its search are not data (the copy computes them again).
			rows[table] = result.rows.map(row => {
				const {search_substrings: _substrings, search_prefixes: _prefixes, search_keys: _keys, ...stored} = row;
				return plain(stored);
			});
		}
	} finally {
		await client.end();
	}
	return rows;
}

/** How many rows each copied table holds. */
export function rowCounts(rows: Rows): Record<string, number> {
	return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
}

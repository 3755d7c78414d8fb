import pg from 'pg';

/**
 * A pool for one PostgreSQL database. Rows must read as they do from SQLite: node-postgres
 * returns bigint (every id, count() and sum of cents) as a string to avoid losing precision;
 * opsdesk's integers stay far below 2^53, so they are parsed as numbers, and one that is not
 * safe is an error rather than a silently wrong id.
 */
export const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) {
			return (value: string) => {
				const number = Number(value);
				if (oid === pg.types.builtins.INT8 && !Number.isSafeInteger(number)) throw new Error(`integer ${value} is beyond 2^53`);
				return number;
			};
		}
		return pg.types.getTypeParser(oid, format);
	},
};

export type PoolOptions = {
	/** Connections this process may hold: a CLI command needs few, a worker or the desk a handful. */
	max?: number;
	/** How long a statement waits for a lock held by another session (`--wait`), in ms. */
	lockTimeoutMs?: number;
	applicationName?: string;
};

/**
 * The password comes from the URL, PGPASSWORD or ~/.pgpass (node-postgres reads the last two
 * itself). Connections are short-lived in a CLI; `idleTimeoutMillis` lets a finished command exit.
 */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
	const pool = new pg.Pool({
		connectionString: url,
		max: options.max ?? 4,
		idleTimeoutMillis: 10_000,
		connectionTimeoutMillis: 10_000,
		application_name: options.applicationName ?? 'opsdesk',
		types,
		options: `-c lock_timeout=${Math.round(options.lockTimeoutMs ?? 5000)}`,
	});
	// An idle client that loses its server (a restart) must not crash the process: the next
	// query gets a fresh connection or a clear error.
	pool.on('error', () => {});
	return pool;
}

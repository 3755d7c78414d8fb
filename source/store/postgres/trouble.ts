import {DatabaseUnavailable} from '../database-trouble.js';

/**
 * PostgreSQL's answers that mean "the database can't do this now" (exit code 5), like
 * database-trouble.ts does for SQLite. `shown` is the URL without its password: no message
 * may carry it.
 */
export function postgresTrouble(error: unknown, shown: string, waitedMs: number): DatabaseUnavailable | undefined {
	if (!(error instanceof Error)) return undefined;
	const code = (error as {code?: unknown}).code;
	if (typeof code !== 'string') return undefined;
	switch (code) {
		case 'ECONNREFUSED':
		case 'ENOTFOUND':
		case 'EHOSTUNREACH':
		case 'ETIMEDOUT':
		case 'ECONNRESET':
			return new DatabaseUnavailable(`${shown}: cannot reach the PostgreSQL server (${code}); check that it runs and the host and port are right`, 'io');
		case '55P03': // lock_not_available
		case '57014': // query_canceled (statement_timeout)
			return new DatabaseUnavailable(`${shown}: the data is locked: another session kept it for more than ${Number((waitedMs / 1000).toFixed(3))} s. Try again, or wait longer with --wait SECONDS`, 'locked');
		case '25006': // read_only_sql_transaction
		case '42501': // insufficient_privilege
			return new DatabaseUnavailable(`${shown}: this connection may not write (a read-only server or a role without the right); reading commands still work`, 'read-only');
		case '53100': // disk_full
		case '53200': // out_of_memory
		case '53300': // too_many_connections
			return new DatabaseUnavailable(`${shown}: the server is out of resources (${error.message}); try again later`, 'full');
		case 'XX001': // data_corrupted
		case 'XX002': // index_corrupted
			return new DatabaseUnavailable(`${shown}: the server reports damaged data (${error.message}); ask its administrator to restore from a backup`, 'corrupt');
		case '57P01': // admin_shutdown
		case '57P02': // crash_shutdown
		case '57P03': // cannot_connect_now
		case '08000':
		case '08001':
		case '08003':
		case '08006':
			return new DatabaseUnavailable(`${shown}: the PostgreSQL server is not available now (${error.message}); try again`, 'io');
		case '28P01': // invalid_password
		case '28000': // invalid_authorization_specification
			return new DatabaseUnavailable(`${shown}: the server refused the login (${error.message.replace(/password[^,]*/i, 'password …')}); check the user and its password (URL, PGPASSWORD or ~/.pgpass)`, 'io');
		case '3D000': // invalid_catalog_name
			return new DatabaseUnavailable(`${shown}: the database does not exist on that server; create it (createdb) first`, 'io');
		default:
			return undefined;
	}
}

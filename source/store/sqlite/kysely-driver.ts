import type {Database as SqliteHandle, Statement} from 'better-sqlite3';
import {
	CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
	type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';

/**
 * Kysely's own SQLite driver prepares every statement again and opens transactions with a
 * deferred BEGIN. opsdesk's writers share one file with other processes, so every write
 * transaction takes the write lock up front (BEGIN IMMEDIATE): a deferred transaction that
 * upgrades fails at once with SQLITE_BUSY beside another writer instead of waiting its turn.
 * Statements are prepared once per text, because preparing costs more than running most of
 * opsdesk's queries.
 */
const cacheLimit = 512;

class StatementCache {
	private readonly statements = new Map<string, Statement>();
	constructor(private readonly handle: SqliteHandle) {}

	get(sql: string): Statement {
		let statement = this.statements.get(sql);
		if (statement) return statement;
		statement = this.handle.prepare(sql);
		if (this.statements.size >= cacheLimit) this.statements.delete(this.statements.keys().next().value!);
		this.statements.set(sql, statement);
		return statement;
	}
}

/** better-sqlite3 binds no booleans or undefined: the store keeps flags as 0/1 on both engines. */
function bindable(parameters: readonly unknown[]): unknown[] {
	return parameters.map(value => (typeof value === 'boolean' ? Number(value) : value === undefined ? null : value));
}

class SqliteConnection implements DatabaseConnection {
	constructor(private readonly statements: StatementCache) {}

	async executeQuery<Row>(query: CompiledQuery): Promise<QueryResult<Row>> {
		const statement = this.statements.get(query.sql);
		const parameters = bindable(query.parameters);
		if (statement.reader) return {rows: statement.all(...parameters) as Row[]};
		const {changes, lastInsertRowid} = statement.run(...parameters);
		return {rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid)};
	}

	async *streamQuery<Row>(query: CompiledQuery): AsyncIterableIterator<QueryResult<Row>> {
		const statement = this.statements.get(query.sql);
		for (const row of statement.iterate(...bindable(query.parameters))) yield {rows: [row as Row]};
	}
}

/** One connection, so one user at a time: queries wait here while a transaction holds it. */
class ConnectionLock {
	private held?: Promise<void>;
	private release?: () => void;

	async acquire(): Promise<void> {
		while (this.held) await this.held;
		this.held = new Promise(resolve => {
			this.release = resolve;
		});
	}

	free(): void {
		const release = this.release;
		this.held = undefined;
		this.release = undefined;
		release?.();
	}
}

class SqliteDriver implements Driver {
	private readonly lock = new ConnectionLock();
	private readonly connection: SqliteConnection;

	constructor(private readonly handle: SqliteHandle) {
		this.connection = new SqliteConnection(new StatementCache(handle));
	}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		await this.lock.acquire();
		return this.connection;
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		// A read-only transaction (a report, an export) needs one snapshot, not the write lock.
		await connection.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE'));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('COMMIT'));
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		// A failed statement may already have ended the transaction (SQLITE_FULL does).
		if (this.handle.inTransaction) await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
	}

	async releaseConnection(): Promise<void> {
		this.lock.free();
	}

	async destroy(): Promise<void> {
		// The store owns the handle and closes it.
	}
}

/** Kysely's SQLite dialect over an already open better-sqlite3 handle. */
export class OpsdeskSqliteDialect implements Dialect {
	constructor(private readonly handle: SqliteHandle) {}
	createDriver(): Driver {
		return new SqliteDriver(this.handle);
	}
	createQueryCompiler() {
		return new SqliteQueryCompiler();
	}
	createAdapter() {
		return new SqliteAdapter();
	}
	createIntrospector(db: Kysely<unknown>) {
		return new SqliteIntrospector(db);
	}
}

import type pg from 'pg';
import Cursor from 'pg-cursor';
import {ConflictError} from '../store/errors.js';
import {types} from '../store/postgres/pool.js';
import type {CopyDestination, CopySource} from './copy-ends.js';
import type {CopyTable, RowBatch, TableShape} from './copy-tables.js';
import {RowDigest} from './row-digest.js';

/**
 * Both ends of a copy on PostgreSQL. Reading: one REPEATABLE READ, READ ONLY transaction, so
 * every table comes from one snapshot while others keep writing. Writing: everything in one
 * transaction (PostgreSQL's DDL is transactional too): the tables are locked, their own
 * triggers off (rollups are copied as they are, not counted again) and their secondary indexes
 * dropped while rows go in, then all made again, identities set past the copied ids, every
 * table read back and checked, and only then COMMIT. A copy that is killed, interrupted or
 * fails is rolled back by the server: the destination stays as it was.
 */

const batchRows = 5000;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

type ColumnRow = {table: string; column: string; type: string; key: number | null; identity: string};

/** Every table of the current schema but the migration marker, with column types (for unnest and key order). */
export async function postgresTables(client: pg.ClientBase): Promise<Array<TableShape & {types: Map<string, string>; identity?: string}>> {
	const {rows: columns} = await client.query<ColumnRow>(`
		SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
			array_position(i.indkey::int2[], a.attnum) AS key, a.attidentity AS identity
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
		LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'opsdesk_schema'
		ORDER BY c.relname, a.attnum`);
	const {rows: references} = await client.query<{table: string; referenced: string}>(`
		SELECT c.relname AS table, r.relname AS referenced
		FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE k.contype = 'f' AND n.nspname = current_schema()`);
	const tables = new Map<string, TableShape & {types: Map<string, string>; identity?: string; keyAt: Map<string, number>}>();
	for (const row of columns) {
		let table = tables.get(row.table);
		if (!table) {
			table = {name: row.table, columns: [], primaryKey: [], references: [], types: new Map(), keyAt: new Map()};
			tables.set(row.table, table);
		}
		table.columns.push(row.column);
		table.types.set(row.column, row.type);
		if (row.key !== null) table.keyAt.set(row.column, row.key);
		if (row.identity !== '') table.identity = row.column;
	}
	for (const {table, referenced} of references) tables.get(table)?.references.push(referenced);
	return [...tables.values()].map(({keyAt, ...table}) => ({...table, primaryKey: [...keyAt.entries()].sort((a, b) => a[1] - b[1]).map(([column]) => column)}));
}

/** Key order as SQLite sorts: text byte by byte, whatever collation the server was set up with. */
function keyOrder(table: CopyTable, columnTypes: Map<string, string>): string {
	return table.primaryKey.map(column => (columnTypes.get(column) === 'text' ? `${quote(column)} COLLATE "C"` : quote(column))).join(', ');
}

async function* cursorBatches(client: pg.ClientBase, text: string): AsyncGenerator<RowBatch> {
	const cursor = client.query(new Cursor<unknown[]>(text, [], {rowMode: 'array', types}));
	try {
		for (;;) {
			const rows = await cursor.read(batchRows);
			if (rows.length === 0) return;
			yield rows;
		}
	} finally {
		await cursor.close();
	}
}

type Shapes = Map<string, TableShape & {types: Map<string, string>; identity?: string}>;

export class PostgresSource implements CopySource {
	private constructor(private readonly client: pg.PoolClient, readonly tables: TableShape[], private readonly shapes: Shapes) {}

	static async open(pool: pg.Pool): Promise<PostgresSource> {
		const client = await pool.connect();
		try {
			await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
			const tables = await postgresTables(client);
			return new PostgresSource(client, tables, new Map(tables.map(table => [table.name, table])));
		} catch (error) {
			client.release(true);
			throw error;
		}
	}

	rows(table: CopyTable): AsyncIterable<RowBatch> {
		const shape = this.shapes.get(table.name)!;
		return cursorBatches(this.client, `SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)} ORDER BY ${keyOrder(table, shape.types)}`);
	}

	/** Identifies the database, to refuse copying it onto itself. */
	async identity(): Promise<string> {
		return databaseIdentity(this.client);
	}

	private closed = false;

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.client.query('COMMIT').catch(() => {});
		this.client.release();
	}
}

/** The same on both connections only when they reach the same database of the same running server. */
export async function databaseIdentity(client: pg.ClientBase): Promise<string> {
	const {rows} = await client.query<{identity: string}>(`SELECT concat_ws(' ', current_database(), (SELECT oid FROM pg_database WHERE datname = current_database()),
		pg_postmaster_start_time(), current_setting('port'), current_setting('data_directory', true)) AS identity`);
	return rows[0]!.identity;
}

type SavedIndex = {name: string; definition: string};

export class PostgresDestination implements CopyDestination {
	private saved: SavedIndex[] = [];
	private done = false;

	private constructor(private readonly client: pg.PoolClient, readonly tables: TableShape[], private readonly shapes: Shapes, private readonly shown: string) {}

	static async open(pool: pg.Pool, shown: string): Promise<PostgresDestination> {
		const client = await pool.connect();
		try {
			const tables = await postgresTables(client);
			return new PostgresDestination(client, tables, new Map(tables.map(table => [table.name, table])), shown);
		} catch (error) {
			client.release(true);
			throw error;
		}
	}

	async identity(): Promise<string> {
		return databaseIdentity(this.client);
	}

	async begin(options: {replace: boolean}): Promise<void> {
		const client = this.client;
		const names = this.tables.map(table => quote(table.name));
		await client.query('BEGIN');
		// Nobody reads a half copy (they would not see it anyway) or writes beside it.
		await client.query(`LOCK TABLE ${names.join(', ')} IN ACCESS EXCLUSIVE MODE`);
		const held: string[] = [];
		for (const table of this.tables) {
			const {rows} = await client.query<{rows: number}>(`SELECT CASE WHEN EXISTS (SELECT FROM ${quote(table.name)}) THEN (SELECT count(*) FROM ${quote(table.name)}) ELSE 0 END AS rows`);
			if (rows[0]!.rows > 0) held.push(`${table.name}: ${rows[0]!.rows} row${rows[0]!.rows === 1 ? '' : 's'}`);
		}
		if (held.length > 0 && !options.replace) {
			throw new ConflictError(`${this.shown} already holds data (${held.join(', ')}); copy into an empty database, or add --replace to replace everything in it`);
		}
		if (held.length > 0) await client.query(`TRUNCATE ${names.join(', ')}`);
		for (const name of names) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
		const {rows: indexes} = await client.query<SavedIndex>(`
			SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE n.nspname = current_schema() AND t.relname <> 'opsdesk_schema'
				AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
			ORDER BY i.relname`);
		this.saved = indexes;
		for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
		await client.query("SET LOCAL maintenance_work_mem = '256MB'");
	}

	async write(table: CopyTable, batch: RowBatch): Promise<void> {
		const shape = this.shapes.get(table.name)!;
		// One array per column, unnested into rows: one statement a batch, whatever its size.
		const columns = table.columns.map((_, index) => batch.map(row => row[index]));
		const arrays = table.columns.map((column, index) => `$${index + 1}::${shape.types.get(column)}[]`);
		await this.client.query(`INSERT INTO ${quote(table.name)} (${table.columns.map(quote).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`, columns);
	}

	async finish(): Promise<void> {
		const client = this.client;
		for (const index of this.saved) await client.query(index.definition);
		for (const table of this.tables) await client.query(`ALTER TABLE ${quote(table.name)} ENABLE TRIGGER USER`);
		// New rows get ids after the copied ones.
		for (const table of this.shapes.values()) {
			if (!table.identity) continue;
			const column = quote(table.identity);
			await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${column}) FROM ${quote(table.name)}), 0) + 1, false)`, [quote(table.name), table.identity]);
		}
	}

	digest(table: CopyTable): Promise<{rows: number; checksum: string}> {
		return (async () => {
			const shape = this.shapes.get(table.name)!;
			const digest = new RowDigest();
			for await (const batch of cursorBatches(this.client, `SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)} ORDER BY ${keyOrder(table, shape.types)}`)) digest.add(batch);
			return {rows: digest.rows, checksum: digest.finish()};
		})();
	}

	async commit(): Promise<void> {
		await this.client.query('COMMIT');
		this.done = true;
		this.client.release();
	}

	async abort(): Promise<void> {
		if (this.done) return;
		this.done = true;
		await this.client.query('ROLLBACK').catch(() => {});
		this.client.release();
	}
}

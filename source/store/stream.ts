import type {RawBuilder} from 'kysely';
import type {Db} from './store.js';

/**
 * Rows of a raw query a few at a time (an export of five million orders), on either engine:
 * Kysely streams compiled queries through the connection (pg-cursor on PostgreSQL, a
 * statement iterator on SQLite), holding that connection until the rows are read.
 */
export async function* streamOf<Row>(db: Db, query: RawBuilder<Row>, chunkSize = 1000): AsyncGenerator<Row> {
	for await (const result of db.db.getExecutor().stream(query.compile(db.db), chunkSize)) {
		for (const row of result.rows) yield row;
	}
}

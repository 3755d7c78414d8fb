import type {Database, Statement} from 'better-sqlite3';

/**
 * Prepared statements are created once per database and reused: preparing costs more
 * than running most of these queries. Each feature passes its own factory.
 */
export function statementCache<T>(factory: (db: Database) => T): (db: Database) => T {
	const cache = new WeakMap<Database, T>();
	return db => {
		let statements = cache.get(db);
		if (!statements) {
			statements = factory(db);
			cache.set(db, statements);
		}
		return statements;
	};
}

export type {Statement};

const bySql = new WeakMap<Database, Map<string, Statement>>();

/**
 * For queries whose text varies with the request (filters, directions): each distinct
 * text is prepared once per database. The number of shapes is small and fixed by code.
 */
export function preparedFor<Parameters extends unknown[] = unknown[], Row = unknown>(db: Database, sql: string): Statement<Parameters, Row> {
	let statements = bySql.get(db);
	if (!statements) {
		statements = new Map();
		bySql.set(db, statements);
	}
	let statement = statements.get(sql);
	if (!statement) {
		statement = db.prepare(sql);
		statements.set(sql, statement);
	}
	return statement as Statement<Parameters, Row>;
}

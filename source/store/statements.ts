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

/**
 * What the quarter and year rollups of migrations 10 and 11 share (customer-period-rollups.ts,
 * robot-period-rollups.ts): a monthly row's quarter and year in each engine's SQL, and the
 * trigger sets that keep a rollup in step with the table it sums.
 */

/** A calendar period kept beside a monthly rollup, and its key from a `month` (`2026-04` → `2026-Q2`, `2026`). */
export type CalendarPeriod = {table: string; column: 'quarter' | 'year'; of: (row: string) => string};

const yearOf = (row: string) => `substr(${row}.month, 1, 4)`;

/** The quarter and the year of `row.month`, in SQLite's SQL and in PostgreSQL's. */
export const periodKeys = {
	sqlite: {quarter: (row: string) => `substr(${row}.month, 1, 5) || 'Q' || ((CAST(substr(${row}.month, 6, 2) AS INTEGER) + 2) / 3)`, year: yearOf},
	postgres: {quarter: (row: string) => `substr(${row}.month, 1, 5) || 'Q' || ((substr(${row}.month, 6, 2)::int + 2) / 3)`, year: yearOf},
} as const;

/** The quarterly and yearly rollups named `PREFIX_quarterly` and `PREFIX_yearly`, with their keys in `engine`'s SQL. */
export function calendarPeriods(prefix: string, engine: keyof typeof periodKeys): CalendarPeriod[] {
	return [
		{table: `${prefix}_quarterly`, column: 'quarter', of: periodKeys[engine].quarter},
		{table: `${prefix}_yearly`, column: 'year', of: periodKeys[engine].year},
	];
}

/**
 * SQLite: row triggers `NAME_insert`, `NAME_delete` and `NAME_update` on `table`, where
 * `apply(row, sign)` adds a new row's figures (+) or takes an old row's away (-).
 */
export function rowTriggersSqlite(name: string, table: string, apply: (row: 'new' | 'old', sign: '+' | '-') => string): string {
	return `
		CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} BEGIN ${apply('new', '+')} END;
		CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} BEGIN ${apply('old', '-')} END;
		CREATE TRIGGER ${name}_update AFTER UPDATE ON ${table} BEGIN ${apply('old', '-')} ${apply('new', '+')} END;`;
}

/**
 * PostgreSQL: statement triggers `NAME_insert`, `NAME_delete` and `NAME_update` on `table`
 * running `fn` over the transition tables `new_rows` and `old_rows`, so a statement that
 * writes thousands of rows updates the rollup once.
 */
export function statementTriggersPostgres(name: string, table: string, fn: string): string {
	return `
	CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
		FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
	CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
		FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
	CREATE TRIGGER ${name}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
		FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;
}

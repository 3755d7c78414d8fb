import type {Database} from 'better-sqlite3';
import {calendarPeriods, rowTriggersSqlite, statementTriggersPostgres, type CalendarPeriod} from './period-rollup-sql.js';

/**
 * Migration 10: revenue (won + paid) per customer, currency and calendar quarter
 * (`customer_quarterly`, quarters `2026-Q1`) and year (`customer_yearly`, `2026`), each with a
 * ranked index, so the Reports tab's quarter and year read their top customers in order from
 * an index the way a month reads `customer_monthly`. The lifetime walk they took instead
 * looked at tens of thousands of customers for a quarter outside dollars (~46 ms a key).
 *
 * Both are kept by triggers on `customer_monthly`, not on `orders`: every writer of the
 * monthly rollup (the order functions' batched rollups, `rebuildRollups`, a duplicate
 * merge's recompute and its undo) then keeps these in step without knowing of them, and a
 * trigger fires per rollup row, not per order. copy-database copies with triggers off, as
 * for the other rollups. SQLite here, PostgreSQL below.
 */
export function createCustomerPeriodRollups(db: Database): void {
	const periods = calendarPeriods('customer', 'sqlite');
	// Adds a monthly row's figures (+) or takes them away (-) in both rollups; a row left with
	// no orders goes, so each rollup stays a function of customer_monthly's rows alone (a
	// merge and its undo leave it as it was).
	const apply = (row: 'new' | 'old', sign: '+' | '-') => periods.map(({table, column, of}) => `
		INSERT INTO ${table} (customer_id, currency, ${column}, revenue, orders)
			VALUES (${row}.customer_id, ${row}.currency, ${of(row)}, ${sign}${row}.revenue, ${sign}${row}.orders)
			ON CONFLICT (customer_id, currency, ${column}) DO UPDATE SET revenue = revenue + excluded.revenue, orders = orders + excluded.orders;
		DELETE FROM ${table} WHERE customer_id = ${row}.customer_id AND currency = ${row}.currency AND ${column} = ${of(row)} AND orders = 0 AND revenue = 0;`).join('');
	db.exec(`
		${periods.map(period => rollupTable(period, {id: 'INTEGER', text: 'TEXT', withoutRowid: true})).join('')}
		${periods.map(backfill).join('')}
		${periods.map(rankedIndex).join('')}
		${rowTriggersSqlite('customer_periods', 'customer_monthly', apply)}
	`);
}

/** A quarterly or yearly rollup table, in either engine's types. */
const rollupTable = ({table, column}: CalendarPeriod, types: {id: string; text: string; withoutRowid: boolean}) => `
	CREATE TABLE ${table} (
		customer_id ${types.id} NOT NULL,
		currency ${types.text} NOT NULL,
		${column} ${types.text} NOT NULL,
		revenue ${types.id} NOT NULL,
		orders ${types.id} NOT NULL,
		PRIMARY KEY (customer_id, currency, ${column})
	)${types.withoutRowid ? ' WITHOUT ROWID' : ''};`;

/** Fills a rollup from the monthly rows already there (an upgraded database). */
const backfill = ({table, column, of}: CalendarPeriod) => `
	INSERT INTO ${table} (customer_id, currency, ${column}, revenue, orders)
		SELECT customer_id, currency, ${of('customer_monthly')}, sum(revenue), sum(orders) FROM customer_monthly GROUP BY 1, 2, 3
		HAVING sum(orders) <> 0 OR sum(revenue) <> 0;`;

/** A period's customers in revenue order, per currency: the top ten is the first ten entries. */
const rankedIndex = ({table, column}: CalendarPeriod) => `
	CREATE INDEX ${table}_ranked ON ${table} (currency, ${column}, revenue DESC, customer_id);`;

const periodsPostgres = calendarPeriods('customer', 'postgres');
const newRows = 'SELECT customer_id, currency, month, revenue, orders FROM new_rows';
const oldRowsTakenAway = 'SELECT customer_id, currency, month, -revenue AS revenue, -orders AS orders FROM old_rows';

/**
 * Adds the monthly changes `changes` (a query) to one rollup, one row per quarter or year,
 * and drops the rows it left with no orders (as on SQLite).
 */
const applyPostgres = (changes: string, {table, column, of}: CalendarPeriod) => `
	INSERT INTO ${table} (customer_id, currency, ${column}, revenue, orders)
		SELECT customer_id, currency, ${of('changes')}, sum(revenue), sum(orders) FROM (${changes}) AS changes GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (customer_id, currency, ${column}) DO UPDATE
			SET revenue = ${table}.revenue + excluded.revenue, orders = ${table}.orders + excluded.orders;
	DELETE FROM ${table} AS existing USING (SELECT DISTINCT customer_id, currency, ${of('changes')} AS key FROM (${changes}) AS changes) AS touched
		WHERE existing.customer_id = touched.customer_id AND existing.currency = touched.currency AND existing.${column} = touched.key
		AND existing.orders = 0 AND existing.revenue = 0;`;
const applyBothPostgres = (changes: string) => periodsPostgres.map(period => applyPostgres(changes, period)).join('');

/**
 * PostgreSQL: statement-level triggers over transition tables, as for `customer_daily`. An
 * upsert of 500 monthly rows (ON CONFLICT DO UPDATE fires both the insert and the update
 * trigger, each with its own rows) changes each quarter and year row once, by the difference.
 * Rows are written in key order, as RollupChanges writes its own: two writers then lock
 * them in the same order and never wait for each other in a circle.
 */
export const customerPeriodRollupsPostgres = `
	${periodsPostgres.map(period => rollupTable(period, {id: 'bigint', text: 'text COLLATE "C"', withoutRowid: false})).join('')}
	${periodsPostgres.map(backfill).join('')}
	${periodsPostgres.map(rankedIndex).join('')}
	CREATE FUNCTION opsdesk_customer_periods() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		-- Each branch names only the transition tables its event has.
		IF TG_OP = 'INSERT' THEN ${applyBothPostgres(newRows)}
		ELSIF TG_OP = 'DELETE' THEN ${applyBothPostgres(oldRowsTakenAway)}
		ELSE ${applyBothPostgres(`${oldRowsTakenAway} UNION ALL ${newRows}`)}
		END IF;
		RETURN NULL;
	END $$;
	${statementTriggersPostgres('customer_periods', 'customer_monthly', 'opsdesk_customer_periods')}
`;

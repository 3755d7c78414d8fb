import type {Database} from 'better-sqlite3';

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
	const quarterOf = (row: string) => `substr(${row}.month, 1, 5) || 'Q' || ((CAST(substr(${row}.month, 6, 2) AS INTEGER) + 2) / 3)`;
	const yearOf = (row: string) => `substr(${row}.month, 1, 4)`;
	// Adds a monthly row's figures (+) or takes them away (-) in both rollups; a row left with
	// no orders goes, so each rollup stays a function of customer_monthly's rows alone (a
	// merge and its undo leave it as it was).
	const apply = (row: 'new' | 'old', sign: '+' | '-') => `
		INSERT INTO customer_quarterly (customer_id, currency, quarter, revenue, orders)
			VALUES (${row}.customer_id, ${row}.currency, ${quarterOf(row)}, ${sign}${row}.revenue, ${sign}${row}.orders)
			ON CONFLICT (customer_id, currency, quarter) DO UPDATE SET revenue = revenue + excluded.revenue, orders = orders + excluded.orders;
		DELETE FROM customer_quarterly WHERE customer_id = ${row}.customer_id AND currency = ${row}.currency AND quarter = ${quarterOf(row)} AND orders = 0 AND revenue = 0;
		INSERT INTO customer_yearly (customer_id, currency, year, revenue, orders)
			VALUES (${row}.customer_id, ${row}.currency, ${yearOf(row)}, ${sign}${row}.revenue, ${sign}${row}.orders)
			ON CONFLICT (customer_id, currency, year) DO UPDATE SET revenue = revenue + excluded.revenue, orders = orders + excluded.orders;
		DELETE FROM customer_yearly WHERE customer_id = ${row}.customer_id AND currency = ${row}.currency AND year = ${yearOf(row)} AND orders = 0 AND revenue = 0;`;
	db.exec(`
		CREATE TABLE customer_quarterly (
			customer_id INTEGER NOT NULL,
			currency TEXT NOT NULL,
			quarter TEXT NOT NULL,
			revenue INTEGER NOT NULL,
			orders INTEGER NOT NULL,
			PRIMARY KEY (customer_id, currency, quarter)
		) WITHOUT ROWID;
		CREATE TABLE customer_yearly (
			customer_id INTEGER NOT NULL,
			currency TEXT NOT NULL,
			year TEXT NOT NULL,
			revenue INTEGER NOT NULL,
			orders INTEGER NOT NULL,
			PRIMARY KEY (customer_id, currency, year)
		) WITHOUT ROWID;
		INSERT INTO customer_quarterly (customer_id, currency, quarter, revenue, orders)
			SELECT customer_id, currency, ${quarterOf('customer_monthly')}, sum(revenue), sum(orders) FROM customer_monthly GROUP BY 1, 2, 3
			HAVING sum(orders) <> 0 OR sum(revenue) <> 0;
		INSERT INTO customer_yearly (customer_id, currency, year, revenue, orders)
			SELECT customer_id, currency, ${yearOf('customer_monthly')}, sum(revenue), sum(orders) FROM customer_monthly GROUP BY 1, 2, 3
			HAVING sum(orders) <> 0 OR sum(revenue) <> 0;
		CREATE INDEX customer_quarterly_ranked ON customer_quarterly (currency, quarter, revenue DESC, customer_id);
		CREATE INDEX customer_yearly_ranked ON customer_yearly (currency, year, revenue DESC, customer_id);
		CREATE TRIGGER customer_periods_insert AFTER INSERT ON customer_monthly BEGIN ${apply('new', '+')} END;
		CREATE TRIGGER customer_periods_delete AFTER DELETE ON customer_monthly BEGIN ${apply('old', '-')} END;
		CREATE TRIGGER customer_periods_update AFTER UPDATE ON customer_monthly BEGIN ${apply('old', '-')} ${apply('new', '+')} END;
	`);
}

const quarterOfPostgres = (table: string) => `substr(${table}.month, 1, 5) || 'Q' || ((substr(${table}.month, 6, 2)::int + 2) / 3)`;
const yearOfPostgres = (table: string) => `substr(${table}.month, 1, 4)`;
const newRows = 'SELECT customer_id, currency, month, revenue, orders FROM new_rows';
const oldRowsTakenAway = 'SELECT customer_id, currency, month, -revenue AS revenue, -orders AS orders FROM old_rows';

/**
 * Adds the monthly changes `changes` (a query) to one rollup, one row per quarter or year,
 * and drops the rows it left with no orders (as on SQLite).
 */
const applyPostgres = (changes: string, table: string, column: string, periodOf: (table: string) => string) => `
	INSERT INTO ${table} (customer_id, currency, ${column}, revenue, orders)
		SELECT customer_id, currency, ${periodOf('changes')}, sum(revenue), sum(orders) FROM (${changes}) AS changes GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (customer_id, currency, ${column}) DO UPDATE
			SET revenue = ${table}.revenue + excluded.revenue, orders = ${table}.orders + excluded.orders;
	DELETE FROM ${table} AS existing USING (SELECT DISTINCT customer_id, currency, ${periodOf('changes')} AS key FROM (${changes}) AS changes) AS touched
		WHERE existing.customer_id = touched.customer_id AND existing.currency = touched.currency AND existing.${column} = touched.key
		AND existing.orders = 0 AND existing.revenue = 0;`;
const applyBothPostgres = (changes: string) =>
	applyPostgres(changes, 'customer_quarterly', 'quarter', quarterOfPostgres) + applyPostgres(changes, 'customer_yearly', 'year', yearOfPostgres);

/**
 * PostgreSQL: statement-level triggers over transition tables, as for `customer_daily`. An
 * upsert of 500 monthly rows (ON CONFLICT DO UPDATE fires both the insert and the update
 * trigger, each with its own rows) changes each quarter and year row once, by the difference.
 * Rows are written in key order, as RollupChanges writes its own: two writers then lock
 * them in the same order and never wait for each other in a circle.
 */
export const customerPeriodRollupsPostgres = `
	CREATE TABLE customer_quarterly (
		customer_id bigint NOT NULL,
		currency text COLLATE "C" NOT NULL,
		quarter text COLLATE "C" NOT NULL,
		revenue bigint NOT NULL,
		orders bigint NOT NULL,
		PRIMARY KEY (customer_id, currency, quarter)
	);
	CREATE TABLE customer_yearly (
		customer_id bigint NOT NULL,
		currency text COLLATE "C" NOT NULL,
		year text COLLATE "C" NOT NULL,
		revenue bigint NOT NULL,
		orders bigint NOT NULL,
		PRIMARY KEY (customer_id, currency, year)
	);
	INSERT INTO customer_quarterly (customer_id, currency, quarter, revenue, orders)
		SELECT customer_id, currency, ${quarterOfPostgres('customer_monthly')}, sum(revenue), sum(orders) FROM customer_monthly GROUP BY 1, 2, 3
		HAVING sum(orders) <> 0 OR sum(revenue) <> 0;
	INSERT INTO customer_yearly (customer_id, currency, year, revenue, orders)
		SELECT customer_id, currency, ${yearOfPostgres('customer_monthly')}, sum(revenue), sum(orders) FROM customer_monthly GROUP BY 1, 2, 3
		HAVING sum(orders) <> 0 OR sum(revenue) <> 0;
	CREATE INDEX customer_quarterly_ranked ON customer_quarterly (currency, quarter, revenue DESC, customer_id);
	CREATE INDEX customer_yearly_ranked ON customer_yearly (currency, year, revenue DESC, customer_id);
	CREATE FUNCTION opsdesk_customer_periods() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		-- Each branch names only the transition tables its event has.
		IF TG_OP = 'INSERT' THEN ${applyBothPostgres(newRows)}
		ELSIF TG_OP = 'DELETE' THEN ${applyBothPostgres(oldRowsTakenAway)}
		ELSE ${applyBothPostgres(`${oldRowsTakenAway} UNION ALL ${newRows}`)}
		END IF;
		RETURN NULL;
	END $$;
	CREATE TRIGGER customer_periods_insert AFTER INSERT ON customer_monthly REFERENCING NEW TABLE AS new_rows
		FOR EACH STATEMENT EXECUTE FUNCTION opsdesk_customer_periods();
	CREATE TRIGGER customer_periods_delete AFTER DELETE ON customer_monthly REFERENCING OLD TABLE AS old_rows
		FOR EACH STATEMENT EXECUTE FUNCTION opsdesk_customer_periods();
	CREATE TRIGGER customer_periods_update AFTER UPDATE ON customer_monthly REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
		FOR EACH STATEMENT EXECUTE FUNCTION opsdesk_customer_periods();
`;

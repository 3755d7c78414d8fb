import type {Database} from 'better-sqlite3';
import {statementTriggersPostgres} from './period-rollup-sql.js';

/**
 * New customers per day, kept by triggers on `customers` (deleted ones stay counted: they were
 * new then). The report's "new customers" section read a million index entries for a year's
 * range (about 200 ms of a 250 ms report); from this it reads a row a day, and the index it
 * read goes. SQLite here, PostgreSQL below.
 */
export function createCustomerDaily(db: Database): void {
	db.exec(`
		CREATE TABLE customer_daily (
			day TEXT PRIMARY KEY,
			customers INTEGER NOT NULL
		) WITHOUT ROWID;
		INSERT INTO customer_daily (day, customers) SELECT substr(created_at, 1, 10), count(*) FROM customers GROUP BY 1;
		CREATE TRIGGER customer_daily_insert AFTER INSERT ON customers BEGIN
			INSERT INTO customer_daily (day, customers) VALUES (substr(new.created_at, 1, 10), 1)
				ON CONFLICT (day) DO UPDATE SET customers = customers + 1;
		END;
		CREATE TRIGGER customer_daily_delete AFTER DELETE ON customers BEGIN
			UPDATE customer_daily SET customers = customers - 1 WHERE day = substr(old.created_at, 1, 10);
		END;
		CREATE TRIGGER customer_daily_update AFTER UPDATE OF created_at ON customers BEGIN
			UPDATE customer_daily SET customers = customers - 1 WHERE day = substr(old.created_at, 1, 10);
			INSERT INTO customer_daily (day, customers) VALUES (substr(new.created_at, 1, 10), 1)
				ON CONFLICT (day) DO UPDATE SET customers = customers + 1;
		END;
		DROP INDEX customers_by_created;
	`);
}

/**
 * PostgreSQL: statement-level triggers over transition tables, so a bulk insert of thousands
 * of rows in one statement updates each day once.
 */
export const customerDailyPostgres = `
	CREATE TABLE customer_daily (
		day text PRIMARY KEY,
		customers bigint NOT NULL
	);
	INSERT INTO customer_daily (day, customers) SELECT substr(created_at, 1, 10), count(*) FROM customers GROUP BY 1;
	CREATE FUNCTION opsdesk_customer_daily() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP IN ('DELETE', 'UPDATE') THEN
			UPDATE customer_daily SET customers = customer_daily.customers - gone.count
			FROM (SELECT substr(created_at, 1, 10) AS day, count(*) AS count FROM old_rows GROUP BY 1) AS gone
			WHERE customer_daily.day = gone.day;
		END IF;
		IF TG_OP IN ('INSERT', 'UPDATE') THEN
			INSERT INTO customer_daily (day, customers)
				SELECT substr(created_at, 1, 10), count(*) FROM new_rows GROUP BY 1
				ON CONFLICT (day) DO UPDATE SET customers = customer_daily.customers + excluded.customers;
		END IF;
		RETURN NULL;
	END $$;
	${statementTriggersPostgres('customer_daily', 'customers', 'opsdesk_customer_daily')}
	DROP INDEX customers_by_created;
`;

import type {Database} from 'better-sqlite3';
import {createRobotReportRollups} from '../reports/robot-rollups.js';

/**
 * Migration 3: orders and the rollups the reports read.
 *
 * Reports must answer in milliseconds at five million orders, and straight aggregates over
 * `orders` take 0.4-0.8 s each even with covering indexes. So small tables are kept in
 * step with `orders` by the order functions, in the same transaction as the order change
 * (see order-rollups.ts): plain code, not triggers, so bulk imports add their changes once
 * per batch instead of once per row. `npm run bench reports` measures both ways.
 *
 * - `order_daily`: per currency, UTC day and status, the number and value of orders placed.
 *   A few rows a day, so any range of months sums a few thousand rows.
 * - `customer_revenue`: per customer and currency, lifetime revenue (won + paid). It answers
 *   the customer detail, the all-time top customers, and bounds a customer's revenue in any
 *   range (the top-customers search stops once no unseen customer can beat the tenth).
 * - `customer_monthly`: the same per UTC month: a month's top customers straight from its
 *   index, and any customer's revenue over whole months in a few rows.
 *
 * Interactions and jobs are written by the customer and robot code, so their counts are kept
 * by triggers here (both are written one at a time; a trigger costs them little). See
 * reports/robot-rollups.ts for the jobs.
 *
 * `placed_at` and `closed_at` are UTC dates (`YYYY-MM-DD`): an order is placed on a day,
 * and months in reports are UTC months.
 */
export function createOrdersSchema(db: Database): void {
	db.exec(`
		CREATE TABLE orders (
			id INTEGER PRIMARY KEY,
			number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),
			customer_id INTEGER NOT NULL REFERENCES customers (id),
			status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost', 'paid', 'refunded')),
			amount INTEGER NOT NULL CHECK (amount >= 0),
			currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
			placed_at TEXT NOT NULL,
			closed_at TEXT,
			note TEXT NOT NULL DEFAULT '',
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		);
		-- A customer's orders, newest first (customer detail, orders list --customer).
		CREATE INDEX orders_by_customer ON orders (customer_id, placed_at DESC, id DESC);
		-- Revenue orders only, covering: a customer's revenue on a few days without the table,
		-- and the scan of a short range for its top customers.
		CREATE INDEX orders_revenue_by_customer ON orders (customer_id, currency, placed_at, amount)
			WHERE status IN ('won', 'paid');
		CREATE INDEX orders_revenue_by_day ON orders (currency, placed_at, customer_id, amount)
			WHERE status IN ('won', 'paid');

		CREATE TABLE order_daily (
			currency TEXT NOT NULL,
			day TEXT NOT NULL,
			status TEXT NOT NULL,
			orders INTEGER NOT NULL,
			amount INTEGER NOT NULL,
			PRIMARY KEY (currency, day, status)
		) WITHOUT ROWID;

		CREATE TABLE customer_revenue (
			customer_id INTEGER NOT NULL,
			currency TEXT NOT NULL,
			revenue INTEGER NOT NULL,
			orders INTEGER NOT NULL,
			PRIMARY KEY (customer_id, currency)
		) WITHOUT ROWID;
		CREATE INDEX customer_revenue_ranked ON customer_revenue (currency, revenue DESC, customer_id);

		CREATE TABLE customer_monthly (
			customer_id INTEGER NOT NULL,
			currency TEXT NOT NULL,
			month TEXT NOT NULL,
			revenue INTEGER NOT NULL,
			orders INTEGER NOT NULL,
			PRIMARY KEY (customer_id, currency, month)
		) WITHOUT ROWID;
		CREATE INDEX customer_monthly_ranked ON customer_monthly (currency, month, revenue DESC, customer_id);

		-- New customers per month in a range, without the table.
		CREATE INDEX customers_by_created ON customers (created_at);

		CREATE TABLE interaction_daily (
			day TEXT NOT NULL,
			kind TEXT NOT NULL,
			interactions INTEGER NOT NULL,
			PRIMARY KEY (day, kind)
		) WITHOUT ROWID;
		INSERT INTO interaction_daily (day, kind, interactions)
			SELECT substr(at, 1, 10), kind, count(*) FROM interactions GROUP BY 1, 2;
		CREATE TRIGGER interaction_daily_insert AFTER INSERT ON interactions BEGIN
			INSERT INTO interaction_daily (day, kind, interactions) VALUES (substr(new.at, 1, 10), new.kind, 1)
				ON CONFLICT (day, kind) DO UPDATE SET interactions = interactions + 1;
		END;
		CREATE TRIGGER interaction_daily_delete AFTER DELETE ON interactions BEGIN
			UPDATE interaction_daily SET interactions = interactions - 1 WHERE day = substr(old.at, 1, 10) AND kind = old.kind;
		END;
		CREATE TRIGGER interaction_daily_update AFTER UPDATE OF at, kind ON interactions BEGIN
			UPDATE interaction_daily SET interactions = interactions - 1 WHERE day = substr(old.at, 1, 10) AND kind = old.kind;
			INSERT INTO interaction_daily (day, kind, interactions) VALUES (substr(new.at, 1, 10), new.kind, 1)
				ON CONFLICT (day, kind) DO UPDATE SET interactions = interactions + 1;
		END;
	`);
	createRobotReportRollups(db);
}

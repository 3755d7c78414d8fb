import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {DemoSeedStep} from './demo-seed.js';
import {parseAmount, parseOrderStatus} from '../orders/order-fields.js';
import {validateOrderFields} from '../orders/order-validation.js';
import {insertValidOrder, orderNumberTaken} from '../orders/orders.js';
import {RollupChanges} from '../orders/order-rollups.js';

type DemoOrderRow = {
	number: string;
	customer_email: string;
	status: string;
	amount: string;
	currency: string;
	days_ago: string;
	closed_days_later: string;
	note: string;
};

const day = 86_400_000;

/**
 * The demo order book (fixtures/demo-orders.csv, about 340 orders over two years): dates
 * are days before the seed runs, so the demo always has this month's and last month's
 * figures. Orders of a customer the demo did not add, or a number already taken, are skipped.
 */
export const ordersDemoStep: DemoSeedStep = {
	name: 'orders',
	async run({db, fixtures, now}) {
		const rows = parse(fs.readFileSync(path.join(fixtures, 'demo-orders.csv')), {columns: true, skip_empty_lines: true}) as DemoOrderRow[];
		const today = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
		const date = (time: number) => new Date(time).toISOString().slice(0, 10);
		const rollups = new RollupChanges();
		let written = 0;
		let skipped = 0;
		for (const row of rows) {
			const customer = await customerId(db, row.customer_email);
			if (customer === undefined || await orderNumberTaken(db, row.number)) {
				skipped++;
				continue;
			}
			const placed = today - Number(row.days_ago) * day;
			const fields = validateOrderFields({
				number: row.number,
				customer_id: customer,
				status: parseOrderStatus(row.status),
				amount: parseAmount(row.amount),
				currency: row.currency,
				placed_at: date(placed),
				closed_at: row.closed_days_later ? date(Math.min(today, placed + Number(row.closed_days_later) * day)) : null,
				note: row.note,
			});
			await insertValidOrder(db, fields, now, rollups);
			written++;
		}
		await rollups.apply(db);
		return {written, skipped};
	},
};

async function customerId(db: Db, email: string): Promise<number | undefined> {
	const found = await sql<{id: number}>`SELECT id FROM customers WHERE lower(email) = lower(${email}) AND deleted_at IS NULL AND email <> ''`.execute(db.db);
	const id = found.rows[0]?.id;
	return id === undefined ? undefined : Number(id);
}

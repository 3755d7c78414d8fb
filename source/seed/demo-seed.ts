import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {UserError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {importCustomersCsv} from '../customers/customer-import.js';
import {isBlankRecord, csvRecordBatches} from '../csv/csv-records.js';
import {addInteraction} from '../customers/interactions.js';
import {ordersDemoStep} from './order-demo.js';

export type DemoSeedContext = {
	/** The seed's write transaction. */
	db: Db;
	/** The folder holding the demo CSV files (fixtures/). */
	fixtures: string;
	/** When the seed runs; demo times are set relative to it so the demo always looks recent. */
	now: string;
};

/** How many records a step wrote, and how many it skipped (a demo email already in use). */
export type DemoSeedCount = {step: string; written: number; skipped: number};

/**
 * One part of the demo data. Each feature adds its step to `demoSeedSteps` (orders come
 * after customers, since they belong to them); steps run in order in one transaction.
 */
export type DemoSeedStep = {name: string; run: (context: DemoSeedContext) => Promise<Omit<DemoSeedCount, 'step'>>};

const day = 24 * 60 * 60 * 1000;

const customersStep: DemoSeedStep = {
	name: 'customers',
	async run({db, fixtures}) {
		const {imported, rejected} = await importCustomersCsv(db, path.join(fixtures, 'demo-customers.csv'));
		return {written: imported, skipped: rejected};
	},
};

/** demo-interactions.csv: customer_email, kind, direction, days_ago, time (HH:MM UTC), subject, body. */
const interactionsStep: DemoSeedStep = {
	name: 'interactions',
	async run({db, fixtures, now}) {
		const idOf = async (email: string) => (await sql<{id: number}>`SELECT id FROM customers
			WHERE lower(email) = lower(${email}) AND deleted_at IS NULL AND email <> ''`.execute(db.db)).rows[0]?.id;
		const today = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
		let columns: Map<string, number> | undefined;
		let written = 0;
		let skipped = 0;
		const file = path.join(fixtures, 'demo-interactions.csv');
		for (const batch of csvRecordBatches(file, file)) {
			for (const record of batch.records) {
				if (isBlankRecord(record)) continue;
				if (!columns) {
					columns = new Map(record.map((name, index) => [name.trim(), index]));
					continue;
				}
				const value = (name: string) => record[columns!.get(name) ?? -1] ?? '';
				const customerId = await idOf(value('customer_email'));
				if (customerId === undefined) {
					skipped++;
					continue;
				}
				const [hours = 9, minutes = 0] = value('time').split(':').map(Number);
				const at = new Date(today - Number(value('days_ago')) * day + (hours * 60 + minutes) * 60_000);
				await addInteraction(db, Number(customerId), {
					kind: value('kind'), direction: value('direction'), subject: value('subject'), body: value('body'),
					at: new Date(Math.min(at.getTime(), Date.parse(now))).toISOString(),
				});
				written++;
			}
		}
		return {written, skipped};
	},
};

/** Every step of `seed --demo`, in order. Add a feature's demo data here. */
export const demoSeedSteps: DemoSeedStep[] = [customersStep, interactionsStep, ordersDemoStep];

/** Whether the database has any customer, deleted ones included (the desk seeds only an empty one). */
export async function hasCustomers(db: Db): Promise<boolean> {
	return (await sql`SELECT 1 FROM customers LIMIT 1`.execute(db.db)).rows.length > 0;
}

/**
 * Loads the demo data set from fixtures/ (about 60 customers from many countries, their
 * interactions, and whatever later steps add), all or nothing. The desk calls this on
 * first start when the database is empty; `opsdesk seed --demo` calls it on request.
 */
export async function seedDemo(db: Db, options: {clock?: Clock} = {}): Promise<DemoSeedCount[]> {
	const now = (options.clock ?? systemClock)();
	const fixtures = demoFixturesFolder();
	return db.write(async tx => {
		const counts: DemoSeedCount[] = [];
		for (const step of demoSeedSteps) counts.push({step: step.name, ...await step.run({db: tx, fixtures, now})});
		return counts;
	});
}

/**
 * fixtures/ sits at the package root. This module runs from source/seed/ (tests) or from
 * a bundle in dist/ (the CLI), so walk up until the folder is found.
 */
export function demoFixturesFolder(): string {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(folder, 'fixtures');
		if (fs.existsSync(path.join(candidate, 'demo-customers.csv'))) return candidate;
		const parent = path.dirname(folder);
		if (parent === folder) throw new UserError('the demo data (fixtures/demo-customers.csv) is missing from this opsdesk installation');
		folder = parent;
	}
}

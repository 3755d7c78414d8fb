import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Database} from 'better-sqlite3';
import {UserError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {importCustomersCsv} from '../customers/customer-import.js';
import {isBlankRecord, readCsvRecords} from '../csv/csv-records.js';
import {addInteraction} from '../customers/interactions.js';
import {ordersDemoStep} from './order-demo.js';

export type DemoSeedContext = {
	db: Database;
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
export type DemoSeedStep = {name: string; run: (context: DemoSeedContext) => Omit<DemoSeedCount, 'step'>};

const day = 24 * 60 * 60 * 1000;

const customersStep: DemoSeedStep = {
	name: 'customers',
	run({db, fixtures}) {
		const {imported, rejected} = importCustomersCsv(db, path.join(fixtures, 'demo-customers.csv'));
		return {written: imported, skipped: rejected};
	},
};

/** demo-interactions.csv: customer_email, kind, direction, days_ago, time (HH:MM UTC), subject, body. */
const interactionsStep: DemoSeedStep = {
	name: 'interactions',
	run({db, fixtures, now}) {
		const idOf = db.prepare<[string], number>("SELECT id FROM customers WHERE lower(email) = lower(?) AND deleted_at IS NULL").pluck();
		const today = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
		let columns: Map<string, number> | undefined;
		let written = 0;
		let skipped = 0;
		const file = path.join(fixtures, 'demo-interactions.csv');
		readCsvRecords(file, file, record => {
			if (isBlankRecord(record)) return;
			if (!columns) {
				columns = new Map(record.map((name, index) => [name.trim(), index]));
				return;
			}
			const value = (name: string) => record[columns!.get(name) ?? -1] ?? '';
			const customerId = idOf.get(value('customer_email'));
			if (customerId === undefined) {
				skipped++;
				return;
			}
			const [hours = 9, minutes = 0] = value('time').split(':').map(Number);
			const at = new Date(today - Number(value('days_ago')) * day + (hours * 60 + minutes) * 60_000);
			addInteraction(db, customerId, {
				kind: value('kind'), direction: value('direction'), subject: value('subject'), body: value('body'),
				at: new Date(Math.min(at.getTime(), Date.parse(now))).toISOString(),
			});
			written++;
		});
		return {written, skipped};
	},
};

/** Every step of `seed --demo`, in order. Add a feature's demo data here. */
export const demoSeedSteps: DemoSeedStep[] = [customersStep, interactionsStep, ordersDemoStep];

/** Whether the database has any customer, deleted ones included (the desk seeds only an empty one). */
export function hasCustomers(db: Database): boolean {
	return db.prepare('SELECT 1 FROM customers LIMIT 1').get() !== undefined;
}

/**
 * Loads the demo data set from fixtures/ (about 60 customers from many countries, their
 * interactions, and whatever later steps add), all or nothing. The desk calls this on
 * first start when the database is empty; `opsdesk seed --demo` calls it on request.
 */
export function seedDemo(db: Database, options: {clock?: Clock} = {}): DemoSeedCount[] {
	const context: DemoSeedContext = {db, fixtures: demoFixturesFolder(), now: (options.clock ?? systemClock)()};
	return db.transaction(() => demoSeedSteps.map(step => ({step: step.name, ...step.run(context)}))).immediate();
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

import fs from 'node:fs';
import type {Database} from 'better-sqlite3';
import {stringify} from 'csv-stringify/sync';
import {UserError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {statementCache} from '../store/statements.js';
import {defaultCurrency, parseAmount, parseOrderStatus, type OrderFields} from './order-fields.js';
import {validateOrderFields} from './order-validation.js';
import {insertValidOrder, nextOrderNumber, orderNumberTaken} from './orders.js';
import {RollupChanges} from './order-rollups.js';
import {readOrderCsv, type OrderCsvRow} from './order-csv.js';

export type RejectedOrderRow = {line: number; reason: string; raw: string[]};
export type OrderImportResult = {imported: number; rejected: RejectedOrderRow[]};
export type OrderImportOptions = {dryRun?: boolean; rejectsFile?: string; clock?: Clock; env?: NodeJS.ProcessEnv};

const statements = statementCache(db => ({
	customerByEmail: db.prepare<[string], {id: number}>(
		"SELECT id FROM customers WHERE lower(email) = lower(?) AND deleted_at IS NULL AND email <> ''"),
}));

/**
 * `import orders FILE.csv`: every valid row in one transaction, every bad row named by its
 * line and reason. Checking happens inside the write transaction, so a number another
 * process takes meanwhile is a rejected row, not a crash. `dryRun` checks and writes nothing.
 */
export function importOrders(db: Database, file: string, options: OrderImportOptions = {}): OrderImportResult {
	const csv = readOrderCsv(file);
	const now = (options.clock ?? systemClock)();
	const currency = defaultCurrency(options.env);
	const run = () => {
		const rejected: RejectedOrderRow[] = [];
		const valid: Array<OrderFields & {generate: boolean}> = [];
		const numbersInFile = new Map<string, number>();
		const customers = new Map<string, number | undefined>();
		for (const row of csv.rows) {
			try {
				const fields = checkRow(db, row, {currency, today: now.slice(0, 10), customers});
				if (fields.number) {
					const earlier = numbersInFile.get(fields.number);
					if (earlier !== undefined) throw new UserError(`duplicate number ${fields.number} (also on line ${earlier})`);
					if (orderNumberTaken(db, fields.number)) throw new UserError(`duplicate number ${fields.number} (already in the database)`);
					numbersInFile.set(fields.number, row.line);
				}
				valid.push({...fields, generate: !fields.number});
			} catch (error) {
				if (!(error instanceof UserError)) throw error;
				rejected.push({line: row.line, reason: error.message, raw: row.raw});
			}
		}
		if (!options.dryRun) {
			const rollups = new RollupChanges();
			for (const {generate, ...fields} of valid) {
				if (generate) fields.number = freeNumber(db, numbersInFile);
				insertValidOrder(db, fields, now, rollups);
			}
			rollups.apply(db);
		}
		return {imported: valid.length, rejected};
	};
	const result = options.dryRun ? run() : db.transaction(run).immediate();
	if (options.rejectsFile && result.rejected.length > 0) writeRejects(options.rejectsFile, csv.header, result.rejected);
	return result;
}

function checkRow(
	db: Database,
	row: OrderCsvRow,
	context: {currency: string; today: string; customers: Map<string, number | undefined>},
): OrderFields {
	if (row.shapeError) throw new UserError(row.shapeError);
	const value = (column: keyof OrderCsvRow['values']) => (row.values[column] ?? '').trim();
	const email = value('customer_email');
	if (!email) throw new UserError('customer_email: is required');
	const key = email.toLowerCase();
	if (!context.customers.has(key)) context.customers.set(key, statements(db).customerByEmail.get(email)?.id);
	const customerId = context.customers.get(key);
	if (customerId === undefined) throw new UserError(`customer_email: no customer with email ${email}`);
	// A row without a number gets one at insert time; validate it with a stand-in.
	const fields = validateOrderFields({
		number: value('number') || 'pending',
		customer_id: customerId,
		status: value('status') ? parseOrderStatus(value('status')) : 'open',
		amount: parseAmount(value('amount')),
		currency: value('currency') || context.currency,
		placed_at: value('placed_at') || context.today,
		closed_at: value('closed_at') || null,
		note: row.values.note ?? '',
	});
	return {...fields, number: value('number')};
}

function freeNumber(db: Database, taken: Map<string, number>): string {
	let number = nextOrderNumber(db);
	for (let suffix = 1; taken.has(number); suffix++) number = `${nextOrderNumber(db)}-${suffix}`;
	return number;
}

function writeRejects(file: string, header: string[], rejected: RejectedOrderRow[]): void {
	const text = stringify([[...header, 'error'], ...rejected.map(row => [...row.raw, `line ${row.line}: ${row.reason}`])]);
	try {
		fs.writeFileSync(file, text, {mode: 0o600});
	} catch (error) {
		throw new UserError(`${file}: cannot write the rejects file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
}

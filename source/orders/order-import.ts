import type {Database} from 'better-sqlite3';
import {UserError, exitCodes} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {statementCache} from '../store/statements.js';
import {readCsvRecords, isBlankRecord} from '../csv/csv-records.js';
import {RejectsFile, type RejectedRow} from '../csv/csv-rejects.js';
import {defaultCurrency, parseAmount, parseOrderStatus, type OrderFields} from './order-fields.js';
import {validateOrderFields} from './order-validation.js';
import {insertValidOrder, nextOrderNumber, orderNumberTaken} from './orders.js';
import {RollupChanges} from './order-rollups.js';
import {orderCells, readOrderHeader, type OrderCsvHeader} from './order-csv.js';

export type RejectedOrderRow = RejectedRow;
export type OrderImportResult = {imported: number; rejected: RejectedOrderRow[]};
export type OrderImportOptions = {
	dryRun?: boolean;
	/** Writes the bad rows here, together with the import (see RejectsFile). */
	rejectsFile?: string;
	/** Take cells exactly as written: no `'` taken off formula-like values. */
	raw?: boolean;
	/** How the file is named in messages (the path as the user typed it). */
	label?: string;
	/** Called for each bad row as it is found. */
	onReject?: (row: RejectedOrderRow) => void;
	clock?: Clock;
	env?: NodeJS.ProcessEnv;
};

const statements = statementCache(db => ({
	customerByEmail: db.prepare<[string], {id: number}>(
		"SELECT id FROM customers WHERE lower(email) = lower(?) AND deleted_at IS NULL AND email <> ''"),
}));

/**
 * `import orders FILE.csv`: the same reader, header rules and rejects file as the customer
 * import. Every valid row in one transaction, every bad row named by its line and reason;
 * checking happens inside the write transaction, so a number another process takes
 * meanwhile is a rejected row, not a crash. `dryRun` checks and writes nothing (but the
 * rejects file, which is a report).
 */
export function importOrders(db: Database, file: string, options: OrderImportOptions = {}): OrderImportResult {
	const label = options.label ?? file;
	const now = (options.clock ?? systemClock)();
	const currency = defaultCurrency(options.env);
	const rejects = options.rejectsFile === undefined ? undefined : RejectsFile.open(options.rejectsFile, {input: file, raw: options.raw});
	const run = (): OrderImportResult => {
		const rejected: RejectedOrderRow[] = [];
		const valid: Array<OrderFields & {generate: boolean}> = [];
		const numbersInFile = new Map<string, number>();
		const customers = new Map<string, number | undefined>();
		let header: OrderCsvHeader | undefined;
		readCsvRecords(file, label, (record, line) => {
			if (isBlankRecord(record)) return;
			if (!header) {
				header = readOrderHeader(record, label, line);
				rejects?.setHeader(header.names);
				return;
			}
			try {
				if (record.length !== header.width) throw new UserError(`has ${record.length} fields, the header has ${header.width}`);
				const fields = checkRow(db, orderCells(record, header, options.raw ?? false), {currency, today: now.slice(0, 10), customers});
				if (fields.number) {
					const earlier = numbersInFile.get(fields.number);
					if (earlier !== undefined) throw new UserError(`duplicate number ${fields.number} (also on line ${earlier})`);
					if (orderNumberTaken(db, fields.number)) throw new UserError(`duplicate number ${fields.number} (already in the database)`);
					numbersInFile.set(fields.number, line);
				}
				valid.push({...fields, generate: !fields.number});
			} catch (error) {
				if (!(error instanceof UserError)) throw error;
				const row = {line, reason: error.message, record};
				rejected.push(row);
				rejects?.add(row);
				options.onReject?.(row);
			}
		});
		if (!header) throw new UserError(`${label}: the file is empty (no header row). Nothing was imported`, exitCodes.rejected);
		if (!options.dryRun) {
			const rollups = new RollupChanges();
			for (const {generate, ...fields} of valid) {
				if (generate) fields.number = freeNumber(db, numbersInFile);
				insertValidOrder(db, fields, now, rollups);
			}
			rollups.apply(db);
		}
		// In place before the commit: a rejects file that cannot be written rolls the import back.
		rejects?.commit();
		return {imported: valid.length, rejected};
	};
	try {
		return options.dryRun ? db.transaction(run).deferred() : db.transaction(run).immediate();
	} catch (error) {
		rejects?.abort();
		throw error;
	}
}

function checkRow(
	db: Database,
	cells: ReturnType<typeof orderCells>,
	context: {currency: string; today: string; customers: Map<string, number | undefined>},
): OrderFields {
	const value = (column: keyof typeof cells) => cells[column].trim();
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
		note: cells.note,
	});
	return {...fields, number: value('number')};
}

function freeNumber(db: Database, taken: Map<string, number>): string {
	let number = nextOrderNumber(db);
	for (let suffix = 1; taken.has(number); suffix++) number = `${nextOrderNumber(db)}-${suffix}`;
	return number;
}

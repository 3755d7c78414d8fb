import {sql} from 'kysely';
import {UserError, exitCodes} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import type {Db} from '../store/store.js';
import {emitRecordEvent, recordEventsHeard, type ChangeOrigin} from '../events/record-events.js';
import {csvRecordBatches, isBlankRecord} from '../csv/csv-records.js';
import {RejectsFile, type RejectedRow} from '../csv/csv-rejects.js';
import {defaultCurrency, parseAmount, parseOrderStatus, type OrderFields} from './order-fields.js';
import {validateOrderFields} from './order-validation.js';
import {insertValidOrder, nextOrderNumber, requireOrder} from './orders.js';
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
	/** Who imports, for record listeners. */
	origin?: ChangeOrigin;
};

/**
 * `import orders FILE.csv`: the same reader, header rules and rejects file as the customer
 * import. Every valid row in one transaction, every bad row named by its line and reason;
 * checking happens inside the write transaction, so a number another process takes
 * meanwhile is a rejected row, not a crash. `dryRun` checks and writes nothing (but the
 * rejects file, which is a report).
 */
export async function importOrders(db: Db, file: string, options: OrderImportOptions = {}): Promise<OrderImportResult> {
	const label = options.label ?? file;
	const now = (options.clock ?? systemClock)();
	const currency = defaultCurrency(options.env);
	const rejects = options.rejectsFile === undefined ? undefined : RejectsFile.open(options.rejectsFile, {input: file, raw: options.raw});
	const run = async (tx: Db): Promise<OrderImportResult> => {
		const rejected: RejectedOrderRow[] = [];
		const valid: Array<OrderFields & {generate: boolean}> = [];
		const numbersInFile = new Map<string, number>();
		const customers = new Map<string, number | undefined>();
		let header: OrderCsvHeader | undefined;
		for (const batch of csvRecordBatches(file, label)) {
			const rows = batch.records.map((record, index) => ({record, line: batch.lines[index]!}));
			const fresh = rows.filter(row => !isBlankRecord(row.record));
			if (!header && fresh.length > 0) {
				const first = fresh.shift()!;
				header = readOrderHeader(first.record, label, first.line);
				rejects?.setHeader(header.names);
			}
			if (!header) continue;
			await lookUpCustomers(tx, fresh.map(row => emailCell(row.record, header!, options.raw ?? false)), customers);
			const numbers = await takenNumbers(tx, fresh.map(row => numberCell(row.record, header!, options.raw ?? false)));
			for (const {record, line} of fresh) {
				try {
					if (record.length !== header.width) throw new UserError(`has ${record.length} fields, the header has ${header.width}`);
					const fields = checkRow(orderCells(record, header, options.raw ?? false), {currency, today: now.slice(0, 10), customers});
					if (fields.number) {
						const earlier = numbersInFile.get(fields.number);
						if (earlier !== undefined) throw new UserError(`duplicate number ${fields.number} (also on line ${earlier})`);
						if (numbers.has(fields.number)) throw new UserError(`duplicate number ${fields.number} (already in the database)`);
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
			}
		}
		if (!header) throw new UserError(`${label}: the file is empty (no header row). Nothing was imported`, exitCodes.rejected);
		if (!options.dryRun) await insertOrders(tx, valid, numbersInFile, now, options.origin);
		// In place before the commit: a rejects file that cannot be written rolls the import back.
		rejects?.commit();
		return {imported: valid.length, rejected};
	};
	try {
		return options.dryRun ? await db.read(run) : await db.write(run);
	} catch (error) {
		rejects?.abort();
		throw error;
	}
}

async function insertOrders(tx: Db, valid: Array<OrderFields & {generate: boolean}>, numbersInFile: Map<string, number>, now: string, origin: ChangeOrigin | undefined): Promise<void> {
	const rollups = new RollupChanges();
	const heard = recordEventsHeard();
	const ids: number[] = [];
	for (const {generate, ...fields} of valid) {
		if (generate) fields.number = await freeNumber(tx, numbersInFile);
		const id = await insertValidOrder(tx, fields, now, rollups);
		if (heard) ids.push(id);
	}
	await rollups.apply(tx);
	for (const id of ids) await emitRecordEvent(tx, {type: 'order.created', order: await requireOrder(tx, id)}, origin ?? {actor: 'operator'});
}

const cellOf = (record: string[], header: OrderCsvHeader, raw: boolean, column: 'customer_email' | 'number') => orderCells(record, header, raw)[column].trim();
const emailCell = (record: string[], header: OrderCsvHeader, raw: boolean) => cellOf(record, header, raw, 'customer_email');
const numberCell = (record: string[], header: OrderCsvHeader, raw: boolean) => cellOf(record, header, raw, 'number');

/** The live customer of each email not looked up yet, a batch at a time (one query per few thousand rows, not one a row). */
async function lookUpCustomers(db: Db, emails: string[], customers: Map<string, number | undefined>): Promise<void> {
	const wanted = [...new Set(emails.filter(Boolean).map(email => email.toLowerCase()))].filter(email => !customers.has(email));
	for (let start = 0; start < wanted.length; start += 1000) {
		const chunk = wanted.slice(start, start + 1000);
		const found = await sql<{email: string; id: number}>`SELECT lower(email) AS email, id FROM customers
			WHERE lower(email) IN (${sql.join(chunk)}) AND deleted_at IS NULL AND email <> ''`.execute(db.db);
		for (const email of chunk) customers.set(email, undefined);
		for (const row of found.rows) customers.set(row.email, Number(row.id));
	}
}

/** Which of these order numbers the database already holds. */
async function takenNumbers(db: Db, numbers: string[]): Promise<Set<string>> {
	const wanted = [...new Set(numbers.filter(Boolean))];
	const taken = new Set<string>();
	for (let start = 0; start < wanted.length; start += 1000) {
		const found = await db.db.selectFrom('orders').select('number').where('number', 'in', wanted.slice(start, start + 1000)).execute();
		for (const row of found) taken.add(row.number);
	}
	return taken;
}

function checkRow(
	cells: ReturnType<typeof orderCells>,
	context: {currency: string; today: string; customers: Map<string, number | undefined>},
): OrderFields {
	const value = (column: keyof typeof cells) => cells[column].trim();
	const email = value('customer_email');
	if (!email) throw new UserError('customer_email: is required');
	const customerId = context.customers.get(email.toLowerCase());
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

async function freeNumber(db: Db, taken: Map<string, number>): Promise<string> {
	const next = await nextOrderNumber(db);
	let number = next;
	for (let suffix = 1; taken.has(number); suffix++) number = `${next}-${suffix}`;
	return number;
}

import type {Database} from 'better-sqlite3';
import {ConflictError, NotFoundError, ValidationError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {preparedFor, statementCache} from '../store/statements.js';
import {requireCustomer} from '../customers/customers.js';
import {defaultCurrency, todayUtc, type Order, type OrderFields, type OrderStatus} from './order-fields.js';
import {validateOrderFields} from './order-validation.js';
import {RollupChanges} from './order-rollups.js';

export type NewOrder = {
	customer_id: number;
	amount: number;
	currency?: string;
	status?: OrderStatus;
	placed_at?: string;
	closed_at?: string | null;
	/** Generated (`SO-000042`) when absent. */
	number?: string;
	note?: string;
};

export type OrderWriteOptions = {clock?: Clock; env?: NodeJS.ProcessEnv};

const orderColumns = 'id, number, customer_id, status, amount, currency, placed_at, closed_at, note, created_at, updated_at';

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO orders (number, customer_id, status, amount, currency, placed_at, closed_at, note, created_at, updated_at)
		VALUES (@number, @customer_id, @status, @amount, @currency, @placed_at, @closed_at, @note, @now, @now)`),
	update: db.prepare(`UPDATE orders SET number = @number, customer_id = @customer_id, status = @status, amount = @amount,
		currency = @currency, placed_at = @placed_at, closed_at = @closed_at, note = @note, updated_at = @now WHERE id = @id`),
	byId: db.prepare<[number], Order>(`SELECT ${orderColumns} FROM orders WHERE id = ?`),
	byNumber: db.prepare<[string], {id: number}>('SELECT id FROM orders WHERE number = ?'),
	lastId: db.prepare<[], {id: number | null}>('SELECT max(id) AS id FROM orders'),
}));

/** `SO-000042`: the next free number after the highest order id. */
export function nextOrderNumber(db: Database): string {
	const s = statements(db);
	let next = (s.lastId.get()?.id ?? 0) + 1;
	for (;;) {
		const number = `SO-${String(next).padStart(6, '0')}`;
		if (!s.byNumber.get(number)) return number;
		next++;
	}
}

export function orderNumberTaken(db: Database, number: string, exceptId = 0): boolean {
	const owner = statements(db).byNumber.get(number);
	return owner !== undefined && owner.id !== exceptId;
}

/** Inserts already-validated fields and counts them into `rollups`; the caller holds the transaction. */
export function insertValidOrder(db: Database, fields: OrderFields, now: string, rollups: RollupChanges): number {
	const id = Number(statements(db).insert.run({...fields, now}).lastInsertRowid);
	rollups.add(fields);
	return id;
}

export function createOrder(db: Database, input: NewOrder, options: OrderWriteOptions = {}): Order {
	const now = (options.clock ?? systemClock)();
	return db.transaction(() => {
		requireCustomer(db, input.customer_id);
		const fields = validateOrderFields({
			number: input.number ?? nextOrderNumber(db),
			customer_id: input.customer_id,
			status: input.status ?? 'open',
			amount: input.amount,
			currency: input.currency ?? defaultCurrency(options.env),
			placed_at: input.placed_at ?? now.slice(0, 10),
			closed_at: input.closed_at ?? null,
			note: input.note ?? '',
		});
		if (orderNumberTaken(db, fields.number)) throw new ValidationError('number', `order ${fields.number} already exists`);
		const rollups = new RollupChanges();
		const id = insertValidOrder(db, fields, now, rollups);
		rollups.apply(db);
		return statements(db).byId.get(id)!;
	}).immediate();
}

export function getOrder(db: Database, id: number): Order | undefined {
	return statements(db).byId.get(id);
}

export function requireOrder(db: Database, id: number): Order {
	const order = getOrder(db, id);
	if (!order) throw new NotFoundError(`no order #${id}`);
	return order;
}

export type OrderChanges = Partial<Omit<OrderFields, 'customer_id'>> & {customer_id?: number};

/**
 * Changes an order and its rollups together. Closing an open order (won, lost, paid,
 * refunded) without a closed date closes it today.
 */
export function updateOrder(db: Database, id: number, changes: OrderChanges, options: OrderWriteOptions & {expectedUpdatedAt?: string} = {}): Order {
	const now = (options.clock ?? systemClock)();
	return db.transaction(() => {
		const current = requireOrder(db, id);
		if (options.expectedUpdatedAt !== undefined && options.expectedUpdatedAt !== current.updated_at) {
			throw new ConflictError(`order #${id} was changed elsewhere; reload and edit again`);
		}
		if (changes.customer_id !== undefined && changes.customer_id !== current.customer_id) requireCustomer(db, changes.customer_id);
		const closing = changes.status !== undefined && changes.status !== 'open' && current.status === 'open';
		const closedAt = changes.closed_at !== undefined ? changes.closed_at : closing && !current.closed_at ? todayUtc(new Date(now)) : current.closed_at;
		const after = validateOrderFields({...pickOrderFields(current), ...changes, closed_at: closedAt});
		if (after.number !== current.number && orderNumberTaken(db, after.number, id)) {
			throw new ValidationError('number', `order ${after.number} already exists`);
		}
		statements(db).update.run({...after, id, now});
		const rollups = new RollupChanges();
		rollups.remove(current);
		rollups.add(after);
		rollups.apply(db);
		return requireOrder(db, id);
	}).immediate();
}

export function pickOrderFields(order: Order): OrderFields {
	const {number, customer_id, status, amount, currency, placed_at, closed_at, note} = order;
	return {number, customer_id, status, amount, currency, placed_at, closed_at, note};
}

export type OrderListQuery = {customerId?: number; status?: OrderStatus; limit?: number};

function listStatement(db: Database, query: OrderListQuery) {
	const conditions: string[] = [];
	const parameters: unknown[] = [];
	if (query.customerId !== undefined) {
		conditions.push('customer_id = ?');
		parameters.push(query.customerId);
	}
	if (query.status) {
		conditions.push('status = ?');
		parameters.push(query.status);
	}
	const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
	const statement = preparedFor<unknown[], Order>(db, `SELECT ${orderColumns} FROM orders ${where} ORDER BY placed_at DESC, id DESC LIMIT ?`);
	return {statement, parameters};
}

/** Newest placed first (at most 1000 unless `limit` says otherwise). */
export function listOrders(db: Database, query: OrderListQuery = {}): Order[] {
	const {statement, parameters} = listStatement(db, query);
	return statement.all(...parameters, Math.max(1, Math.min(query.limit ?? 1000, 1_000_000)));
}

/** Newest placed first, one at a time: for listings of any length (`limit` rows at most). */
export function iterateOrders(db: Database, query: OrderListQuery & {limit: number}): IterableIterator<Order> {
	const {statement, parameters} = listStatement(db, query);
	return statement.iterate(...parameters, query.limit);
}

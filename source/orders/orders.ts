import {sql} from 'kysely';
import {ConflictError, NotFoundError, ValidationError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import type {Db} from '../store/store.js';
import {forUpdate, isUniqueViolation, nextId} from '../store/engine-sql.js';
import {emitRecordEvent, type ChangeOrigin} from '../events/record-events.js';
import {requireCustomer} from '../customers/customers.js';
import {defaultCurrency, orderFieldNames, todayUtc, type Order, type OrderFields, type OrderStatus} from './order-fields.js';
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

export type OrderWriteOptions = {
	clock?: Clock;
	env?: NodeJS.ProcessEnv;
	/** Who made the change and why, for record listeners. */
	origin?: ChangeOrigin;
};

export const orderColumns = ['id', 'number', 'customer_id', 'status', 'amount', 'currency', 'placed_at', 'closed_at', 'note', 'created_at', 'updated_at'] as const;

function numberOwner(db: Db, number: string): Promise<{id: number} | undefined> {
	return db.db.selectFrom('orders').select('id').where('number', '=', number).executeTakeFirst();
}

/** `SO-000042`: the next free number from `id` on (the id the order gets, or the next after the highest). */
export async function nextOrderNumber(db: Db, from?: number): Promise<string> {
	let next = from ?? ((await db.db.selectFrom('orders').select(eb => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0) + 1;
	for (;;) {
		const number = `SO-${String(next).padStart(6, '0')}`;
		if (!(await numberOwner(db, number))) return number;
		next++;
	}
}

export async function orderNumberTaken(db: Db, number: string, exceptId = 0): Promise<boolean> {
	const owner = await numberOwner(db, number);
	return owner !== undefined && owner.id !== exceptId;
}

/** Inserts already-validated fields and counts them into `rollups`; the caller holds the write transaction. */
export async function insertValidOrder(db: Db, fields: OrderFields, now: string, rollups: RollupChanges, id?: number): Promise<number> {
	const inserted = await db.db.insertInto('orders')
		.values({...fields, ...(id === undefined ? {} : {id}), created_at: now, updated_at: now})
		.returning('id').executeTakeFirstOrThrow();
	rollups.add(fields);
	return inserted.id;
}

/** A number another session took at the same moment (PostgreSQL) is refused by the unique index: the usual message. */
async function numberChecked<T>(number: string | undefined, write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (isUniqueViolation(error, 'orders_number_key')) throw new ValidationError('number', `order ${number ?? ''} already exists`.replace('  ', ' '));
		throw error;
	}
}

export async function createOrder(db: Db, input: NewOrder, options: OrderWriteOptions = {}): Promise<Order> {
	const now = (options.clock ?? systemClock)();
	return numberChecked(input.number, () => db.write(async tx => {
		await requireCustomer(tx, input.customer_id);
		// The id first, so a generated number follows it (`SO-000042` for order 42) on either engine.
		const id = await nextId(tx, 'orders');
		const fields = validateOrderFields({
			number: input.number ?? await nextOrderNumber(tx, id),
			customer_id: input.customer_id,
			status: input.status ?? 'open',
			amount: input.amount,
			currency: input.currency ?? defaultCurrency(options.env),
			placed_at: input.placed_at ?? now.slice(0, 10),
			closed_at: input.closed_at ?? null,
			note: input.note ?? '',
		});
		if (await orderNumberTaken(tx, fields.number)) throw new ValidationError('number', `order ${fields.number} already exists`);
		const rollups = new RollupChanges();
		await insertValidOrder(tx, fields, now, rollups, id);
		await rollups.apply(tx);
		const order = await requireOrder(tx, id);
		await emitRecordEvent(tx, {type: 'order.created', order}, options.origin ?? {actor: 'operator'});
		return order;
	}));
}

async function orderRow(db: Db, id: number, lock = false): Promise<Order | undefined> {
	const found = await sql<Order>`SELECT ${sql.raw(orderColumns.join(', '))} FROM orders WHERE id = ${id} ${lock ? forUpdate(db) : sql.raw('')}`.execute(db.db);
	return found.rows[0];
}

export async function getOrder(db: Db, id: number): Promise<Order | undefined> {
	return orderRow(db, id);
}

export async function requireOrder(db: Db, id: number, options: {forUpdate?: boolean} = {}): Promise<Order> {
	const order = await orderRow(db, id, options.forUpdate);
	if (!order) throw new NotFoundError(`no order #${id}`);
	return order;
}

export type OrderChanges = Partial<Omit<OrderFields, 'customer_id'>> & {customer_id?: number};

/**
 * Changes an order and its rollups together. Closing an open order (won, lost, paid,
 * refunded) without a closed date closes it today.
 */
export async function updateOrder(db: Db, id: number, changes: OrderChanges, options: OrderWriteOptions & {expectedUpdatedAt?: string} = {}): Promise<Order> {
	const now = (options.clock ?? systemClock)();
	return numberChecked(changes.number, () => db.write(async tx => {
		// Locked: two sessions moving the same order must not both count it out of its old status.
		const current = await requireOrder(tx, id, {forUpdate: true});
		if (options.expectedUpdatedAt !== undefined && options.expectedUpdatedAt !== current.updated_at) {
			throw new ConflictError(`order #${id} was changed elsewhere; reload and edit again`);
		}
		if (changes.customer_id !== undefined && changes.customer_id !== current.customer_id) await requireCustomer(tx, changes.customer_id);
		const closing = changes.status !== undefined && changes.status !== 'open' && current.status === 'open';
		const closedAt = changes.closed_at !== undefined ? changes.closed_at : closing && !current.closed_at ? todayUtc(new Date(now)) : current.closed_at;
		const before = pickOrderFields(current);
		const after = validateOrderFields({...before, ...changes, closed_at: closedAt});
		if (after.number !== current.number && await orderNumberTaken(tx, after.number, id)) {
			throw new ValidationError('number', `order ${after.number} already exists`);
		}
		await tx.db.updateTable('orders').set({...after, updated_at: now}).where('id', '=', id).execute();
		const rollups = new RollupChanges();
		rollups.remove(current);
		rollups.add(after);
		await rollups.apply(tx);
		const order = await requireOrder(tx, id);
		const changed = orderFieldNames.filter(field => before[field] !== after[field]);
		await emitRecordEvent(tx, {type: 'order.updated', before: current, after: order, changed}, options.origin ?? {actor: 'operator'});
		return order;
	}));
}

export function pickOrderFields(order: Order): OrderFields {
	const {number, customer_id, status, amount, currency, placed_at, closed_at, note} = order;
	return {number, customer_id, status, amount, currency, placed_at, closed_at, note};
}

export type OrderListQuery = {customerId?: number; status?: OrderStatus; limit?: number};

function listQuery(db: Db, query: OrderListQuery, limit: number) {
	let select = db.db.selectFrom('orders').select(orderColumns);
	if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
	if (query.status) select = select.where('status', '=', query.status);
	return select.orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(limit);
}

/** Newest placed first (at most 1000 unless `limit` says otherwise). */
export async function listOrders(db: Db, query: OrderListQuery = {}): Promise<Order[]> {
	return await listQuery(db, query, Math.max(1, Math.min(query.limit ?? 1000, 1_000_000))).execute() as Order[];
}

/** Newest placed first, a few at a time: for listings of any length (`limit` rows at most). */
export function iterateOrders(db: Db, query: OrderListQuery & {limit: number}): AsyncIterable<Order> {
	return listQuery(db, query, query.limit).stream(1000) as AsyncIterable<Order>;
}

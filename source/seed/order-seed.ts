import {sql} from 'kysely';
import {UserError} from '../store/errors.js';
import type {Db} from '../store/store.js';
import {systemClock, type Clock} from '../store/clock.js';
import {orderStatuses, type OrderFields, type OrderStatus} from '../orders/order-fields.js';
import {insertOrderBatch} from '../orders/order-bulk.js';
import {RollupChanges} from '../orders/order-rollups.js';
import {seededRandom} from './seeded-random.js';

export type SeedOrdersOptions = {
	/** Same seed, same orders. */
	seed?: number;
	/** Orders are placed over this many days up to today. */
	days?: number;
	clock?: Clock;
	/** Called after each committed batch with the number written so far. */
	progress?: (written: number) => void;
};

// A customer buys in one currency; most buy in dollars or euros.
const currencies = ['USD', 'USD', 'USD', 'USD', 'EUR', 'EUR', 'EUR', 'GBP', 'JPY', 'CHF'];
// Cumulative shares: open 15%, won 15%, lost 20%, paid 45%, refunded 5%.
const statusShares: Array<[OrderStatus, number]> = [['open', 0.15], ['won', 0.3], ['lost', 0.5], ['paid', 0.95], ['refunded', 1]];
const batchSize = 50_000;

/**
 * `seed --orders N`: N synthetic orders over the existing live customers, for benchmarks.
 * Realistic in shape: a few customers place many orders (a skewed pick), amounts spread
 * from tens to tens of thousands, dates over the last `days` days, closed a few days later.
 * Written in batches of 50,000 per transaction, rollups counted in memory per batch.
 */
export async function seedOrders(db: Db, count: number, options: SeedOrdersOptions = {}): Promise<{created: number}> {
	if (!Number.isSafeInteger(count) || count < 0) throw new UserError(`--orders: "${count}" is not a number of orders`);
	const customerIds = (await sql<{id: number}>`SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id`.execute(db.db)).rows.map(row => Number(row.id));
	if (count > 0 && customerIds.length === 0) throw new UserError('seed --orders needs customers first: run `opsdesk seed --customers N` or `seed --demo`');
	const next = seededRandom(options.seed ?? 7);
	const now = (options.clock ?? systemClock)();
	const today = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
	const days = options.days ?? 3 * 365;
	const firstId = Number((await sql<{id: number | null}>`SELECT max(id) AS id FROM orders`.execute(db.db)).rows[0]?.id ?? 0) + 1;
	// Orders go into three indexes in customer order, i.e. at random places: on SQLite a larger
	// page cache for the duration keeps five million inserts from thrashing (256 MB, restored after).
	const cacheSize = db.sqlite?.pragma('cache_size', {simple: true}) as number | undefined;
	db.sqlite?.pragma('cache_size = -262144');
	try {
		return {created: await writeBatches(db, count, {next, customerIds, firstId, now, today, days, progress: options.progress})};
	} finally {
		if (cacheSize !== undefined) db.sqlite?.pragma(`cache_size = ${cacheSize}`);
	}
}

type BatchContext = {
	next: () => number;
	customerIds: number[];
	firstId: number;
	now: string;
	today: number;
	days: number;
	progress?: (written: number) => void;
};

async function writeBatches(db: Db, count: number, context: BatchContext): Promise<number> {
	const {next, customerIds, firstId, now, today, days} = context;
	let written = 0;
	while (written < count) {
		const size = Math.min(batchSize, count - written);
		await db.write(async tx => {
			const rollups = new RollupChanges();
			const orders = Array.from({length: size}, (_, index) => syntheticOrder(next, customerIds, firstId + written + index, today, days));
			await insertOrderBatch(tx, orders, now, rollups);
			await rollups.apply(tx);
		});
		written += size;
		context.progress?.(written);
	}
	return written;
}

function syntheticOrder(next: () => number, customerIds: number[], sequence: number, today: number, days: number): OrderFields {
	// u^3 favours the first customers: a long tail of occasional buyers and a few big accounts.
	const customerId = customerIds[Math.floor(next() ** 3 * customerIds.length)]!;
	const currency = currencies[customerId % currencies.length]!;
	const roll = next();
	const status = statusShares.find(([, share]) => roll < share)?.[0] ?? orderStatuses[0];
	// Log-uniform from 10.00 to 50,000.00.
	const amount = Math.round(1000 * 5000 ** next());
	const placed = today - Math.floor(next() * days) * 86_400_000;
	const placedAt = new Date(placed).toISOString().slice(0, 10);
	const closedAt = status === 'open' ? null : new Date(Math.min(today, placed + Math.floor(next() * 30) * 86_400_000)).toISOString().slice(0, 10);
	return {
		number: `SO-${String(sequence).padStart(6, '0')}`,
		customer_id: customerId,
		status,
		amount: currency === 'JPY' ? amount * 100 : amount,
		currency,
		placed_at: placedAt,
		closed_at: closedAt,
		note: '',
	};
}

import type {Db} from '../store/store.js';
import {systemClock, type Clock} from '../store/clock.js';
import {UserError, exitCodes} from '../store/errors.js';
import type {Customer} from '../customers/customer-fields.js';
import {requireCustomer} from '../customers/customers.js';

export type DismissOptions = {actor?: string; clock?: Clock};

export type Dismissal = {a: Customer; b: Customer; changed: boolean};

/**
 * Marks two customers as two people: `duplicates` leaves the pair out from then on (and
 * says how many it left out). Marking a pair again changes nothing; `changed` says whether
 * this call did. Kept by id pair, lower id first, so the order given does not matter.
 */
export async function dismissPair(db: Db, firstId: number, secondId: number, options: DismissOptions = {}): Promise<Dismissal> {
	return db.write(async tx => {
		const [a, b] = await pairOf(tx, firstId, secondId);
		const added = await tx.db.insertInto('duplicate_dismissals')
			.values({low_id: a.id, high_id: b.id, at: (options.clock ?? systemClock)(), actor: options.actor ?? 'operator'})
			.onConflict(conflict => conflict.columns(['low_id', 'high_id']).doNothing())
			.executeTakeFirst();
		return {a, b, changed: Number(added.numInsertedOrUpdatedRows ?? 0) > 0};
	});
}

/** Takes the mark off: the pair may show in `duplicates` again. */
export async function undismissPair(db: Db, firstId: number, secondId: number): Promise<Dismissal> {
	return db.write(async tx => {
		const [a, b] = await pairOf(tx, firstId, secondId);
		const removed = await tx.db.deleteFrom('duplicate_dismissals').where('low_id', '=', a.id).where('high_id', '=', b.id).executeTakeFirst();
		return {a, b, changed: Number(removed.numDeletedRows) > 0};
	});
}

async function pairOf(db: Db, firstId: number, secondId: number): Promise<[Customer, Customer]> {
	if (firstId === secondId) throw new UserError(`customer #${firstId} is one customer; name two`, exitCodes.usage);
	const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
	return [await requireCustomer(db, low, {includeDeleted: true}), await requireCustomer(db, high, {includeDeleted: true})];
}

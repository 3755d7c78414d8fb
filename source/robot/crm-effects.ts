import type {Database} from 'better-sqlite3';
import {parseTags, type Customer, type CustomerFieldName, type CustomerFields} from '../customers/customer-fields.js';
import {updateCustomer} from '../customers/customers.js';
import {addInteraction} from '../customers/interactions.js';
import type {InteractionDirection, InteractionKind} from '../customers/interactions.js';
import type {ChangeOrigin} from '../events/record-events.js';
import {UserError} from '../store/errors.js';
import type {Db} from '../store/store.js';

/** What a `log` or `update` step does to the database, with its placeholders filled. */
export type CrmEffect =
	| {effect: 'log'; kind: InteractionKind; direction: InteractionDirection; subject: string; body: string}
	| {effect: 'update'; changes: Partial<Record<CustomerFieldName, string>>};

/** Who made a robot's change: the robot (as the actor), its job, and the trigger that queued it. */
export type EffectOrigin = ChangeOrigin;

/** Applies an effect inside the caller's write transaction `tx`. */
export type EffectWriter = (tx: Db, customerId: number, effect: CrmEffect, origin: EffectOrigin) => Promise<Customer | undefined>;

function fieldChanges(effect: CrmEffect & {effect: 'update'}): Partial<CustomerFields> {
	const changes: Partial<CustomerFields> = {};
	for (const [field, value] of Object.entries(effect.changes) as Array<[CustomerFieldName, string]>) {
		if (field === 'tags') changes.tags = parseTags(value);
		else (changes as Record<string, string>)[field] = value;
	}
	return changes;
}

/**
 * Applies one effect on the customer through the same validation and history as an edit by
 * hand, on the SQLite handle whose transaction the caller holds (the one that also records
 * the step as finished). Resolves to the customer as it is now when the effect changed it.
 */
export function applyCrmEffectSync(db: Database, customerId: number, effect: CrmEffect, origin: EffectOrigin): Customer | undefined {
	if (effect.effect === 'log') {
		const {kind, direction, subject, body} = effect;
		addInteraction(db, customerId, {kind, direction, subject, body, actor: origin.actor, jobId: origin.jobId ?? null});
		return undefined;
	}
	return updateCustomer(db, customerId, fieldChanges(effect), {actor: origin.actor});
}

/** The effect writer over an SQLite handle whose transactions the queue's Db runs on. */
export function sqliteEffectWriter(handle: Database): EffectWriter {
	return async (_tx, customerId, effect, origin) => applyCrmEffectSync(handle, customerId, effect, origin);
}

/** The effect writer for a Db without an SQLite handle. */
export const applyCrmEffect: EffectWriter = async () => {
	throw new UserError('robot log and update steps do not run on PostgreSQL yet');
};

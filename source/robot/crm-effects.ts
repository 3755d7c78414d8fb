import {parseTags, type Customer, type CustomerFieldName, type CustomerFields} from '../customers/customer-fields.js';
import {updateCustomer} from '../customers/customers.js';
import {addInteraction} from '../customers/interactions.js';
import type {InteractionDirection, InteractionKind} from '../customers/interactions.js';
import type {ChangeOrigin} from '../events/record-events.js';
import type {Db} from '../store/store.js';

/** What a `log` or `update` step does to the database, with its placeholders filled. */
export type CrmEffect =
	| {effect: 'log'; kind: InteractionKind; direction: InteractionDirection; subject: string; body: string}
	| {effect: 'update'; changes: Partial<Record<CustomerFieldName, string>>};

function fieldChanges(effect: CrmEffect & {effect: 'update'}): Partial<CustomerFields> {
	const changes: Partial<CustomerFields> = {};
	for (const [field, value] of Object.entries(effect.changes) as Array<[CustomerFieldName, string]>) {
		if (field === 'tags') changes.tags = parseTags(value);
		else (changes as Record<string, string>)[field] = value;
	}
	return changes;
}

/**
 * Applies one effect on the customer through the same validation, history and record events
 * as an edit by hand, inside the caller's write transaction `tx` (the one that also records
 * the step as finished, so a rerun never applies it twice). `origin` names the robot as the
 * actor and its job, so record triggers can tell a robot's own change. Resolves to the
 * customer as it is now when the effect changed it.
 */
export async function applyCrmEffect(tx: Db, customerId: number, effect: CrmEffect, origin: ChangeOrigin): Promise<Customer | undefined> {
	if (effect.effect === 'log') {
		const {kind, direction, subject, body} = effect;
		await addInteraction(tx, customerId, {kind, direction, subject, body}, {origin});
		return undefined;
	}
	return updateCustomer(tx, customerId, fieldChanges(effect), {origin});
}

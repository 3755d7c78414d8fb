import {parseTags, type Customer, type CustomerFieldName, type CustomerFields} from '../customers/customer-fields.js';
import {updateCustomer} from '../customers/customers.js';
import {addInteraction} from '../customers/interactions.js';
import type {InteractionDirection, InteractionKind} from '../customers/interactions.js';
import type {ChangeOrigin} from '../events/record-events.js';
import type {Db} from '../store/store.js';
import {redactSecrets} from '../secrets/redact.js';
import type {EmailEffect} from '../mail/email-request.js';

/** What a `log` or `update` step does to the database, with its placeholders filled. */
export type CrmEffect =
	| {effect: 'log'; kind: InteractionKind; direction: InteractionDirection; subject: string; body: string}
	| {effect: 'update'; changes: Partial<Record<CustomerFieldName, string>>}
	| EmailEffect;

/** Who made a robot's change: the robot (as the actor), its job, and the trigger that queued it. */
export type EffectOrigin = ChangeOrigin;

/** Applies an effect inside the caller's write transaction `tx`. */
export type EffectWriter = (tx: Db, customerId: number, effect: CrmEffect, origin: EffectOrigin) => Promise<Customer | undefined>;

function fieldChanges(effect: Extract<CrmEffect, {effect: 'update'}>): Partial<CustomerFields> {
	const changes: Partial<CustomerFields> = {};
	for (const [field, value] of Object.entries(effect.changes) as Array<[CustomerFieldName, string]>) {
		if (field === 'tags') changes.tags = parseTags(value);
		else (changes as Record<string, string>)[field] = value;
	}
	return changes;
}

/**
 * Applies one effect on the customer through the same validation and history as an edit by
 * hand, inside the caller's transaction (the one that also records the step as finished).
 * The origin (the robot, its job, the trigger that queued it) goes with the change, so record
 * triggers know who made it. Resolves to the customer as it is now when the effect changed it.
 */
export const applyCrmEffect: EffectWriter = async (tx, customerId, effect, origin) => {
	if (effect.effect === 'email') {
		// The sent email on the customer's timeline, as an operator's own email would be.
		const {subject, body} = effect;
		await addInteraction(tx, customerId, {kind: 'email', direction: 'out', subject, body, actor: origin.actor, jobId: origin.jobId ?? null}, {origin});
		return undefined;
	}
	if (effect.effect === 'log') {
		// A secret a robot used never lands on a timeline either.
		const [subject, body] = [redactSecrets(effect.subject), redactSecrets(effect.body)];
		const {kind, direction} = effect;
		await addInteraction(tx, customerId, {kind, direction, subject, body, actor: origin.actor, jobId: origin.jobId ?? null}, {origin});
		return undefined;
	}
	return updateCustomer(tx, customerId, fieldChanges(effect), {actor: origin.actor, origin});
};

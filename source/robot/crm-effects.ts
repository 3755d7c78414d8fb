import type {Database} from 'better-sqlite3';
import {parseTags, type Customer, type CustomerFieldName, type CustomerFields} from '../customers/customer-fields.js';
import {updateCustomer} from '../customers/customers.js';
import {addInteraction} from '../customers/interactions.js';
import type {InteractionDirection, InteractionKind} from '../customers/interactions.js';

/** What a `log` or `update` step does to the database, with its placeholders filled. */
export type CrmEffect =
	| {effect: 'log'; kind: InteractionKind; direction: InteractionDirection; subject: string; body: string}
	| {effect: 'update'; changes: Partial<Record<CustomerFieldName, string>>};

export type EffectAuthor = {robot: string; jobId: number | null};

/**
 * Applies one effect on the customer through the same validation and history as an edit
 * by hand. The caller holds the transaction that also records the step as finished.
 * Resolves to the customer as it is now when the effect changed it.
 */
export function applyCrmEffect(db: Database, customerId: number, effect: CrmEffect, author: EffectAuthor): Customer | undefined {
	if (effect.effect === 'log') {
		const {kind, direction, subject, body} = effect;
		addInteraction(db, customerId, {kind, direction, subject, body, actor: author.robot, jobId: author.jobId});
		return undefined;
	}
	const changes: Partial<CustomerFields> = {};
	for (const [field, value] of Object.entries(effect.changes) as Array<[CustomerFieldName, string]>) {
		if (field === 'tags') changes.tags = parseTags(value);
		else (changes as Record<string, string>)[field] = value;
	}
	return updateCustomer(db, customerId, changes, {actor: author.robot});
}

import {customerStatuses} from '../customers/customer-fields.js';
import {interactionDirections, interactionKinds} from '../customers/interactions.js';
import {foldText} from '../customers/search-text.js';
import type {RecordEvent} from '../events/record-events.js';
import {orderStatuses} from '../orders/order-fields.js';
import {ValidationError} from '../store/errors.js';

/** The changes a record trigger can listen for, as `--on` names them. */
export const triggerEvents = [
	'customer.created', 'customer.status-changed', 'customer.tagged', 'order.created', 'order.status-changed', 'interaction.created',
] as const;
export type TriggerEvent = (typeof triggerEvents)[number];

/** What narrows an event: `--from`/`--to` a status, `--tag`, an interaction's `--kind` and `--direction`. */
export type TriggerFilter = {from?: string; to?: string; tag?: string; kind?: string; direction?: string};

const allowed: Record<TriggerEvent, ReadonlyArray<keyof TriggerFilter>> = {
	'customer.created': [],
	'customer.status-changed': ['from', 'to'],
	'customer.tagged': ['tag'],
	'order.created': [],
	'order.status-changed': ['from', 'to'],
	'interaction.created': ['kind', 'direction'],
};

/** Checks `--on` and its narrowing flags together: each event takes its own, and a status or kind must exist. */
export function checkTrigger(event: string, filter: TriggerFilter): {event: TriggerEvent; filter: TriggerFilter} {
	if (!(triggerEvents as readonly string[]).includes(event)) throw new ValidationError('on', `"${event}" is not an event (events: ${triggerEvents.join(', ')})`);
	const on = event as TriggerEvent;
	for (const key of Object.keys(filter) as Array<keyof TriggerFilter>) {
		if (filter[key] !== undefined && !allowed[on].includes(key)) {
			throw new ValidationError(key, `--${key} does not apply to ${on}${allowed[on].length > 0 ? ` (it takes ${allowed[on].map(name => `--${name}`).join(', ')})` : ''}`);
		}
	}
	if (on === 'customer.tagged' && !filter.tag?.trim()) throw new ValidationError('tag', 'customer.tagged needs --tag TAG');
	if (on.endsWith('status-changed') && filter.to === undefined && filter.from === undefined) throw new ValidationError('to', `${on} needs --to STATUS (and optionally --from STATUS)`);
	const statuses: readonly string[] = on.startsWith('customer.') ? customerStatuses : orderStatuses;
	for (const key of ['from', 'to'] as const) {
		if (filter[key] !== undefined && !statuses.includes(filter[key]!)) throw new ValidationError(key, `"${filter[key]}" is not a status (${statuses.join(', ')})`);
	}
	if (filter.kind !== undefined && !(interactionKinds as readonly string[]).includes(filter.kind)) throw new ValidationError('kind', `must be one of ${interactionKinds.join(', ')}`);
	if (filter.direction !== undefined && !(interactionDirections as readonly string[]).includes(filter.direction)) throw new ValidationError('direction', 'must be in or out');
	const tidy: TriggerFilter = {};
	for (const key of allowed[on]) if (filter[key] !== undefined) tidy[key] = key === 'tag' ? filter[key]!.trim() : filter[key];
	return {event: on, filter: tidy};
}

/** `customer.status-changed lead → active`: a trigger's event as people read it. */
export function describeTrigger(event: string, filter: TriggerFilter): string {
	const parts = [event];
	if (filter.from !== undefined || filter.to !== undefined) parts.push(`${filter.from ?? 'any'} → ${filter.to ?? 'any'}`);
	if (filter.tag) parts.push(`tag ${filter.tag}`);
	if (filter.kind) parts.push(`kind ${filter.kind}`);
	if (filter.direction) parts.push(`direction ${filter.direction}`);
	return parts.join(' ');
}

const sameTag = (a: string, b: string) => foldText(a) === foldText(b);

/**
 * The customer a change concerns when it is one this trigger listens for, else undefined. A
 * city or notes change is not a status change; a tag that was already there is not a tagging.
 */
export function matchingCustomer(event: TriggerEvent, filter: TriggerFilter, change: RecordEvent): number | undefined {
	const status = (from: string, to: string) => from !== to && (filter.from === undefined || filter.from === from) && (filter.to === undefined || filter.to === to);
	switch (event) {
		case 'customer.created':
			return change.type === 'customer.created' ? change.customer.id : undefined;
		case 'customer.status-changed':
			return change.type === 'customer.updated' && change.changed.includes('status') && status(change.before.status, change.after.status) ? change.after.id : undefined;
		case 'customer.tagged': {
			const tag = filter.tag ?? '';
			// A customer created with the tag was tagged then, as a HubSpot list enrols a contact that is created matching it.
			if (change.type === 'customer.created') return change.customer.tags.some(held => sameTag(held, tag)) ? change.customer.id : undefined;
			if (change.type !== 'customer.updated' || !change.changed.includes('tags')) return undefined;
			const had = change.before.tags.some(held => sameTag(held, tag));
			return !had && change.after.tags.some(held => sameTag(held, tag)) ? change.after.id : undefined;
		}
		case 'order.created':
			return change.type === 'order.created' ? change.order.customer_id : undefined;
		case 'order.status-changed':
			return change.type === 'order.updated' && change.changed.includes('status') && status(change.before.status, change.after.status) ? change.after.customer_id : undefined;
		case 'interaction.created': {
			if (change.type !== 'interaction.created') return undefined;
			const {kind, direction, customer_id: customerId} = change.interaction;
			return (filter.kind === undefined || filter.kind === kind) && (filter.direction === undefined || filter.direction === direction) ? customerId : undefined;
		}
	}
}

import type {Customer} from '../customers/customer-fields.js';
import type {Interaction} from '../customers/interactions.js';
import type {Order} from '../orders/order-fields.js';
import {formatMoney} from '../orders/order-fields.js';
import {fitText} from '../components/fit-text.js';

/** Pure formatting and layout of the customer detail view, tested without Ink. */

type Field = [label: string, value: string];

const when = (at: string) => at.slice(0, 16).replace('T', ' ');
/** A multi-line value on one row: its lines joined with a visible mark. */
export const joinLines = (text: string, mark = ', ') => text.split(/\s*\n\s*/).filter(Boolean).join(mark);

/**
 * The fields two to a row (the lists below need the height more than the fields need the
 * width); notes get a row of their own.
 */
export function customerFieldRows(customer: Customer): Array<[Field, Field?]> {
	return [
		[['Company', customer.company], ['Status', customer.deleted_at ? `deleted ${when(customer.deleted_at)} (was ${customer.status})` : customer.status]],
		[['Email', customer.email], ['Tags', customer.tags.join(', ')]],
		[['Phone', customer.phone], ['City', [customer.city, customer.country].filter(Boolean).join(', ')]],
		[['Address', joinLines(customer.address)], ['Updated', `${when(customer.updated_at)} · version ${customer.version} · created ${when(customer.created_at)}`]],
		[['Notes', joinLines(customer.notes, ' / ')]],
	];
}

/** One timeline row: when, what kind, which way, subject and the start of the body. */
export function formatInteraction(interaction: Interaction, width: number): string {
	const who = interaction.actor === 'operator' ? '' : ` [${interaction.actor}]`;
	const body = interaction.body ? ` — ${interaction.body.replace(/\s+/g, ' ')}` : '';
	return fitText(`${when(interaction.at)}  ${interaction.kind.padEnd(6)} ${interaction.direction.padEnd(3)} ${interaction.subject}${who}${body}`, width).trimEnd();
}

/** One order row: number, placed date, status, amount with its currency, the start of the note. */
export function formatOrder(order: Order, width: number): string {
	const head = `${fitText(order.number, 12)}  ${order.placed_at}  ${order.status.padEnd(8)}  ${formatMoney(order.amount, order.currency).padStart(16)}  `;
	return fitText(head + order.note.replace(/\s+/g, ' '), width).trimEnd();
}

export type DetailLayout = {
	/** Rows for order lines and for interaction lines (their headings not counted). */
	orderRows: number;
	interactionRows: number;
};

/**
 * How the rows left under the fields are shared: interactions get the larger part, orders
 * at least two rows when there are any; whichever list is short gives its room to the other.
 */
export function detailLayout(rows: number, orders: number, interactions: number): DetailLayout {
	const room = Math.max(2, rows);
	const orderWant = Math.max(1, orders);
	const interactionWant = Math.max(1, interactions);
	let orderRows = Math.min(orderWant, Math.max(orders > 0 ? 2 : 1, Math.floor(room * 0.4)));
	let interactionRows = Math.max(1, room - orderRows);
	if (interactionRows > interactionWant) {
		interactionRows = interactionWant;
		orderRows = Math.max(1, Math.min(orderWant, room - interactionRows));
	}
	return {orderRows, interactionRows};
}

/** The first line of a list of `total` lines shown `rows` at a time so `selected` is on screen, near the middle. */
export function windowStart(total: number, rows: number, selected: number | undefined): number {
	if (selected === undefined || total <= rows) return 0;
	return Math.max(0, Math.min(selected - Math.floor(rows / 2), total - rows));
}

import type {Customer} from '../customers/customer-fields.js';
import type {Interaction} from '../customers/interactions.js';
import type {Order} from '../orders/order-fields.js';
import type {Db} from '../store/store.js';

/**
 * What changed in the CRM, told inside the transaction that changed it. Record triggers
 * (source/automation) queue their jobs here, in the same transaction as the change, so a
 * change is never lost between them and never queues twice; duplicate checks keep their
 * blocking keys here. Every writer emits: the desk, the CLI, imports and robots' updates.
 */
export type ChangeOrigin = {
	/** `operator`, or the robot's name when a robot made the change. */
	actor: string;
	/** The robot job that made the change, if any. */
	jobId?: number;
	/** The record trigger that queued that job, if any: it must not fire on its own robot's change. */
	trigger?: string;
	/** How many triggers led to this change (0 for a person's change); chains stop after 3 hops. */
	triggerDepth?: number;
};

export type RecordEvent =
	| {type: 'customer.created'; customer: Customer}
	| {type: 'customer.updated'; before: Customer; after: Customer; changed: readonly string[]}
	| {type: 'customer.deleted'; customer: Customer}
	| {type: 'customer.restored'; customer: Customer}
	/**
	 * Customers merged into `keep` (source/duplicates/merge.ts): one event for the whole merge,
	 * not an update, deletes and moves, so a trigger never takes a merge for fresh edits.
	 */
	| {type: 'customer.merged'; mergeId: number; before: Customer; keep: Customer; others: readonly Customer[]}
	/** A merge undone: `keep` and the `others` (live again) as they are now. */
	| {type: 'customer.unmerged'; mergeId: number; before: Customer; keep: Customer; others: readonly Customer[]}
	| {type: 'interaction.created'; interaction: Interaction}
	| {type: 'order.created'; order: Order}
	| {type: 'order.updated'; before: Order; after: Order; changed: readonly string[]};

export type RecordListener = (tx: Db, event: RecordEvent, origin: ChangeOrigin) => Promise<void>;

const listeners: RecordListener[] = [];

/** Listeners that care only when the database says so (record triggers: only when some exist). */
const interests = new Map<RecordListener, (tx: Db) => Promise<boolean>>();

/**
 * Adds a listener for every change in this process; returns the function that removes it.
 * `wanted` tells bulk writers whether it needs events in this transaction at all.
 */
export function onRecordEvent(listener: RecordListener, options: {wanted?: (tx: Db) => Promise<boolean>} = {}): () => void {
	listeners.push(listener);
	if (options.wanted) interests.set(listener, options.wanted);
	return () => {
		const at = listeners.indexOf(listener);
		if (at >= 0) listeners.splice(at, 1);
		interests.delete(listener);
	};
}

/** Tells every listener, in order, inside the caller's write transaction `tx`; a listener's error rolls the change back. */
export async function emitRecordEvent(tx: Db, event: RecordEvent, origin: ChangeOrigin): Promise<void> {
	for (const listener of [...listeners]) await listener(tx, event, origin);
}

/** Whether anyone listens: bulk imports skip building events nobody reads. */
export function recordEventsHeard(): boolean {
	return listeners.length > 0;
}

/**
 * Whether any listener wants this transaction's events: a million-row import into a database
 * without record triggers builds none (asked inside the import's transaction).
 */
export async function recordEventsWanted(tx: Db): Promise<boolean> {
	for (const listener of listeners) {
		const wanted = interests.get(listener);
		if (!wanted || (await wanted(tx))) return true;
	}
	return false;
}

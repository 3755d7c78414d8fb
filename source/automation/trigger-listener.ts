import type {ChangeOrigin, RecordEvent} from '../events/record-events.js';
import {requireCustomer} from '../customers/customers.js';
import type {Db} from '../store/store.js';
import {queueInTransaction} from './job-outbox.js';
import {priorities} from '../robot/queue.js';
import {jobFor, loadRobotCopy, type RobotCopy} from './robot-copy.js';
import {customerInSegment} from './segment-query.js';
import {segmentById} from './segments.js';
import {matchingCustomer, type TriggerEvent} from './trigger-events.js';
import {filterOf, type TriggerRow} from './triggers.js';

/** A change by a person is hop 0; a job a trigger queued is one hop more than the change that fired it. */
export const mostHops = 3;

/** The events each kind of change can be, so one change reads only the triggers that could match. */
function candidateEvents(change: RecordEvent): TriggerEvent[] {
	switch (change.type) {
		case 'customer.created': return ['customer.created', 'customer.tagged'];
		case 'customer.updated': return ['customer.status-changed', 'customer.tagged'];
		case 'order.created': return ['order.created'];
		case 'order.updated': return ['order.status-changed'];
		case 'interaction.created': return ['interaction.created'];
		default: return [];
	}
}

/**
 * The active triggers as one transaction sees them: an import's thousand events read them once.
 * (A transaction cannot see a trigger added after it started on SQLite, which holds the write
 * lock; on PostgreSQL one added meanwhile fires from the next transaction.)
 */
const triggersOfTransaction = new WeakMap<Db, TriggerRow[]>();

async function activeTriggers(tx: Db): Promise<TriggerRow[]> {
	let triggers = triggersOfTransaction.get(tx);
	if (!triggers) {
		triggers = await tx.db.selectFrom('triggers').selectAll().where('paused', '=', 0).orderBy('id').execute();
		// Only a transaction's own Db is kept: a store outlives its transactions and must read afresh.
		if (tx.inTransaction) triggersOfTransaction.set(tx, triggers);
	}
	return triggers;
}

/** Parsed robot copies by trigger and version: an import of thousands of rows parses each robot once. */
const copies = new Map<string, RobotCopy>();

async function copyOf(tx: Db, trigger: TriggerRow): Promise<RobotCopy> {
	const key = `${trigger.id}\n${trigger.updated_at}`;
	let copy = copies.get(key);
	if (!copy) {
		copy = await loadRobotCopy(tx, trigger);
		if (copies.size > 100) copies.clear();
		copies.set(key, copy);
	}
	return copy;
}

/** Says on the job that made a change why a trigger did not fire for it (its log is where its operator looks). */
async function noteOnJob(tx: Db, origin: ChangeOrigin, message: string): Promise<void> {
	if (origin.jobId === undefined) return;
	const job = await tx.db.selectFrom('jobs').select('attempts').where('id', '=', origin.jobId).executeTakeFirst();
	if (!job) return;
	await tx.db.insertInto('job_logs').values({job_id: origin.jobId, attempt: job.attempts, step: null, at: new Date().toISOString(), level: 'warn', message, duration_ms: null, screenshot: null}).execute();
}

/**
 * Queues the jobs of every trigger a change matches, inside the change's own transaction (the
 * outbox pattern): the job exists exactly when the change does. A robot's change does not fire
 * the trigger that queued that robot's job, and a chain of triggers stops after three hops.
 */
export async function fireTriggers(tx: Db, change: RecordEvent, origin: ChangeOrigin): Promise<void> {
	const events = candidateEvents(change);
	if (events.length === 0) return;
	const triggers = (await activeTriggers(tx)).filter(trigger => (events as string[]).includes(trigger.event));
	for (const trigger of triggers) {
		const customerId = matchingCustomer(trigger.event as TriggerEvent, filterOf(trigger), change);
		if (customerId === undefined) continue;
		if (origin.trigger !== undefined && origin.trigger === trigger.name) continue;
		if (trigger.segment_id !== null) {
			const segment = await segmentById(tx, Number(trigger.segment_id));
			const customer = await requireCustomer(tx, customerId, {includeDeleted: true});
			if (!segment || !(await customerInSegment(tx, segment.definition, customer))) continue;
		}
		const depth = (origin.triggerDepth ?? 0) + 1;
		if (depth > mostHops) {
			await noteOnJob(tx, origin, `trigger ${trigger.name} (${trigger.event}) not fired for customer #${customerId}: a chain of triggers stops after ${mostHops} hops, and this job is hop ${depth - 1} (queued by trigger ${origin.trigger ?? '?'})`);
			continue;
		}
		const copy = await copyOf(tx, trigger);
		await queueInTransaction(tx, jobFor(copy, customerId, {
			origin: {trigger: trigger.name, triggerDepth: depth}, priority: priorities[trigger.priority] ?? 'normal', maxAttempts: trigger.max_attempts,
		}));
	}
}

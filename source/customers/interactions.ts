import {z} from 'zod';
import {ValidationError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import type {Db} from '../store/store.js';
import {emitRecordEvent, type ChangeOrigin} from '../events/record-events.js';
import {requireCustomer} from './customers.js';
import {printableText} from '../text/printable.js';

export const interactionKinds = ['email', 'sms', 'call', 'note', 'ticket', 'robot'] as const;
export type InteractionKind = (typeof interactionKinds)[number];
export const interactionDirections = ['in', 'out'] as const;
export type InteractionDirection = (typeof interactionDirections)[number];

export type Interaction = {
	id: number;
	customer_id: number;
	kind: InteractionKind;
	direction: InteractionDirection;
	subject: string;
	body: string;
	at: string;
	/** `operator`, or the robot's name when a robot logged it. */
	actor: string;
	/** The robot job that logged it, if any. */
	job_id: number | null;
};

export type NewInteraction = {
	kind: string;
	direction?: string;
	subject: string;
	body?: string;
	at?: string;
	actor?: string;
	jobId?: number | null;
};

const interactionSchema = z.object({
	kind: z.enum(interactionKinds, {error: () => `must be one of ${interactionKinds.join(', ')}`}),
	direction: z.enum(interactionDirections, {error: () => 'must be in or out'}),
	subject: z.string().trim().min(1, 'subject is required').max(300, 'subject is longer than 300 characters').superRefine(printableText('one-line')),
	body: z.string().max(100_000, 'body is longer than 100000 characters').superRefine(printableText('multi-line')),
});

const interactionColumns = ['id', 'customer_id', 'kind', 'direction', 'subject', 'body', 'at', 'actor', 'job_id'] as const;

export type InteractionOptions = {
	clock?: Clock;
	/** Who logged it and why (a robot passes its job); `actor` and `jobId` in the input win. */
	origin?: ChangeOrigin;
};

/**
 * Logs an interaction on a live customer. Joins the caller's transaction when there is one,
 * so a robot's `log` step commits together with the record that the step finished.
 */
export async function addInteraction(db: Db, customerId: number, input: NewInteraction, options: InteractionOptions = {}): Promise<Interaction> {
	const parsed = interactionSchema.safeParse({direction: 'out', body: '', ...input});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new ValidationError(String(issue.path[0]), issue.message);
	}
	const {kind, direction, subject, body} = parsed.data;
	const at = input.at ?? (options.clock ?? systemClock)();
	const actor = input.actor ?? options.origin?.actor ?? 'operator';
	const jobId = input.jobId ?? options.origin?.jobId ?? null;
	return db.write(async tx => {
		await requireCustomer(tx, customerId);
		const interaction = await tx.db.insertInto('interactions')
			.values({customer_id: customerId, kind, direction, subject, body, at, actor, job_id: jobId})
			.returning(interactionColumns).executeTakeFirstOrThrow() as Interaction;
		await emitRecordEvent(tx, {type: 'interaction.created', interaction}, options.origin ?? {actor, jobId: jobId ?? undefined});
		return interaction;
	});
}

function newestFirst(db: Db, customerId: number, limit: number) {
	return db.db.selectFrom('interactions').select(interactionColumns).where('customer_id', '=', customerId)
		.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit);
}

/** Newest first. */
export async function listInteractions(db: Db, customerId: number, limit = 1000): Promise<Interaction[]> {
	return await newestFirst(db, customerId, limit).execute() as Interaction[];
}

/** Newest first, a few at a time: for listings of any length. */
export function iterateInteractions(db: Db, customerId: number, limit: number): AsyncIterable<Interaction> {
	return newestFirst(db, customerId, limit).stream(500) as AsyncIterable<Interaction>;
}

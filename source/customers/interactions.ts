import type {Database} from 'better-sqlite3';
import {z} from 'zod';
import {ValidationError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {statementCache} from '../store/statements.js';
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

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO interactions (customer_id, kind, direction, subject, body, at, actor, job_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
	byId: db.prepare<[number], Interaction>('SELECT * FROM interactions WHERE id = ?'),
	list: db.prepare<[number, number], Interaction>(
		'SELECT * FROM interactions WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?'),
}));

/** Every problem of an interaction at once, by field (a form marks them all); empty when it is valid. */
export function interactionProblems(input: NewInteraction): Partial<Record<'kind' | 'direction' | 'subject' | 'body', string>> {
	const parsed = interactionSchema.safeParse({direction: 'out', body: '', ...input});
	const problems: Partial<Record<'kind' | 'direction' | 'subject' | 'body', string>> = {};
	for (const issue of parsed.success ? [] : parsed.error.issues) {
		const field = String(issue.path[0]) as keyof typeof problems;
		problems[field] ??= issue.message;
	}
	return problems;
}

/**
 * Logs an interaction on a live customer. Joins the caller's transaction when there is one,
 * so a robot's `log` step commits together with the record that the step finished.
 */
export function addInteraction(db: Database, customerId: number, input: NewInteraction, options: {clock?: Clock} = {}): Interaction {
	const parsed = interactionSchema.safeParse({direction: 'out', body: '', ...input});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new ValidationError(String(issue.path[0]), issue.message);
	}
	const {kind, direction, subject, body} = parsed.data;
	const at = input.at ?? (options.clock ?? systemClock)();
	return db.transaction(() => {
		requireCustomer(db, customerId);
		const s = statements(db);
		const id = Number(s.insert.run(customerId, kind, direction, subject, body, at, input.actor ?? 'operator', input.jobId ?? null).lastInsertRowid);
		return s.byId.get(id)!;
	}).immediate();
}

/** Newest first. */
export function listInteractions(db: Database, customerId: number, limit = 1000): Interaction[] {
	return statements(db).list.all(customerId, limit);
}

/** Newest first, one at a time: for listings of any length. */
export function iterateInteractions(db: Database, customerId: number, limit: number): IterableIterator<Interaction> {
	return statements(db).list.iterate(customerId, limit);
}

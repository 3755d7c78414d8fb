import type {Database} from 'better-sqlite3';
import {statementCache} from '../store/statements.js';

export type HistoryEntry = {
	id: number;
	customer_id: number;
	at: string;
	field: string;
	old_value: string | null;
	new_value: string | null;
	actor: string;
};

export type FieldChange = {field: string; before: unknown; after: unknown};

const statements = statementCache(db => ({
	insert: db.prepare('INSERT INTO customer_history (customer_id, at, field, old_value, new_value, actor) VALUES (?, ?, ?, ?, ?, ?)'),
	list: db.prepare<[number], HistoryEntry>('SELECT id, customer_id, at, field, old_value, new_value, actor FROM customer_history WHERE customer_id = ? ORDER BY id DESC'),
}));

/** Values are kept as text as the user sees them: tags as "a;b". */
function asText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (Array.isArray(value)) return value.join(';');
	return String(value);
}

/** Called inside the caller's transaction, so history and the change commit together. */
export function recordChanges(db: Database, customerId: number, changes: readonly FieldChange[], actor: string, at: string): void {
	const insert = statements(db).insert;
	for (const change of changes) insert.run(customerId, at, change.field, asText(change.before), asText(change.after), actor);
}

/** Newest first. */
export function customerHistory(db: Database, customerId: number): HistoryEntry[] {
	return statements(db).list.all(customerId);
}

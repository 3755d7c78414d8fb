import type {Db} from '../store/store.js';

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

/** Values are kept as text as the user sees them: tags as "a;b". */
function asText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (Array.isArray(value)) return value.join(';');
	return String(value);
}

/** Called inside the caller's write transaction, so history and the change commit together. */
export async function recordChanges(db: Db, customerId: number, changes: readonly FieldChange[], actor: string, at: string): Promise<void> {
	if (changes.length === 0) return;
	await db.db.insertInto('customer_history').values(changes.map(change => ({
		customer_id: customerId, at, field: change.field, old_value: asText(change.before), new_value: asText(change.after), actor,
	}))).execute();
}

/** Newest first. */
export async function customerHistory(db: Db, customerId: number): Promise<HistoryEntry[]> {
	return db.db.selectFrom('customer_history').select(['id', 'customer_id', 'at', 'field', 'old_value', 'new_value', 'actor'])
		.where('customer_id', '=', customerId).orderBy('id', 'desc').execute();
}

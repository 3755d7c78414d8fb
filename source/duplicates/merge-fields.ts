import {customerFieldNames, type Customer, type CustomerFields} from '../customers/customer-fields.js';
import {pickFields} from '../customers/customers.js';

export type Prefer = 'keep' | 'other';

/**
 * KEEP's fields after a merge. With `keep` (the default) KEEP's values stand and its empty
 * fields are filled from the others, the first (in the order given) that has one; with
 * `other` the others' values win where they have one. Tags are the union of all. Notes keep
 * every text, KEEP's first (the others' first with `other`), and a line for each email or
 * phone of another that KEEP does not take, so nothing said about reaching the person is lost.
 */
export function mergedFields(keep: Customer, others: readonly Customer[], prefer: Prefer): CustomerFields {
	const fields = pickFields(keep);
	for (const field of customerFieldNames) {
		if (field === 'tags' || field === 'notes') continue;
		const offered = others.map(other => other[field]).find(value => value !== '');
		if (offered === undefined) continue;
		if (prefer === 'other' || fields[field] === '') (fields as Record<string, unknown>)[field] = offered;
	}
	fields.tags = [...new Set([...keep.tags, ...others.flatMap(other => other.tags)])];
	const texts = prefer === 'other' ? [...others.map(other => other.notes), keep.notes] : [keep.notes, ...others.map(other => other.notes)];
	const notes: string[] = [];
	for (const text of texts) if (text.trim() && !notes.some(kept => kept.includes(text.trim()))) notes.push(text.trim());
	for (const other of others) {
		const left = (['email', 'phone'] as const).filter(field => other[field] && other[field] !== fields[field] && !(field === 'email' && other.email.toLowerCase() === fields.email.toLowerCase()));
		if (left.length > 0) notes.push(`From #${other.id} (merged): ${left.map(field => `${field} ${other[field]}`).join(', ')}`);
	}
	fields.notes = notes.join('\n\n');
	return fields;
}

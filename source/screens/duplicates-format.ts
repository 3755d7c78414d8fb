import type {Customer} from '../customers/customer-fields.js';
import {customerFieldNames} from '../customers/customer-fields.js';
import type {DuplicatePair} from '../duplicates/candidate-pairs.js';
import type {MergeResult} from '../duplicates/merge.js';
import type {MovedTable} from '../duplicates/merge-journal.js';
import {describeReason} from '../duplicates/pair-score.js';
import {fitText} from '../components/fit-text.js';
import {joinLines} from './customer-detail-rows.js';

/** Pure formatting of the Duplicates view (duplicates.tsx), tested without Ink. */

/** How a field of the pair compares: the same, different (the left one stays), or only on the right (merging fills it). */
export type FieldMark = 'same' | 'differs' | 'fills';

export type ComparedField = {label: string; left: string; right: string; mark: FieldMark};

const marks: Record<FieldMark, string> = {same: ' ', differs: '≠', fills: '←'};
const labelWidth = 9;

const movedNames: Record<MovedTable, [one: string, more: string]> = {
	interactions: ['interaction', 'interactions'], orders: ['order', 'orders'], jobs: ['robot job', 'robot jobs'], customer_history: ['history entry', 'history entries'],
};

const when = (at: string) => at.slice(0, 16).replace('T', ' ');

function shown(customer: Customer, field: (typeof customerFieldNames)[number]): string {
	const value = customer[field];
	if (Array.isArray(value)) return value.join(', ');
	return field === 'notes' ? joinLines(value, ' / ') : joinLines(value);
}

/** Every field of the two customers, row by row, marked where they differ. */
export function compareCustomers(left: Customer, right: Customer): ComparedField[] {
	const rows: ComparedField[] = customerFieldNames.map(field => {
		const a = shown(left, field);
		const b = shown(right, field);
		const mark: FieldMark = a === b ? 'same' : a === '' ? 'fills' : 'differs';
		return {label: field[0]!.toUpperCase() + field.slice(1), left: a, right: b, mark};
	});
	rows.push({label: 'Created', left: when(left.created_at), right: when(right.created_at), mark: 'same'});
	return rows;
}

/** One comparison row in `width` columns: label, mark, the left value, the right value. */
export function formatComparedRow(row: ComparedField, width: number): string {
	const column = Math.max(4, Math.floor((width - labelWidth - 2) / 2));
	return `${fitText(row.label, labelWidth)}${marks[row.mark]} ${fitText(row.left, column - 1)} ${fitText(row.right, column)}`.trimEnd();
}

/** The two headings above the columns: who stays, who is merged into them. */
export function formatPairHeading(left: {id: number; name: string}, right: {id: number; name: string}, width: number): string {
	const column = Math.max(4, Math.floor((width - labelWidth - 2) / 2));
	return `${' '.repeat(labelWidth + 2)}${fitText(`KEEP #${left.id} ${left.name}`, column - 1)} ${fitText(`MERGE #${right.id} ${right.name}`, column)}`.trimEnd();
}

export const markLegend = '≠ differs (the left stays) · ← empty on the left: filled from the right';

/** "pair 3 of 17 · score 0.97 · same email …, same name"; pairs marked as two people, when any, after the count. */
export function describePair(pair: DuplicatePair, index: number, count: number, dismissed = 0): string {
	const left = dismissed > 0 ? ` (${dismissed.toLocaleString('en')} marked as two people left out)` : '';
	return `pair ${(index + 1).toLocaleString('en')} of ${count.toLocaleString('en')}${left} · score ${pair.score.toFixed(2)} · ${pair.reasons.map(describeReason).join(', ')}`;
}

/** What merging would do (a dry run's result), line by line, for the question before it. */
export function describeMergePlan(plan: MergeResult): string[] {
	const keep = `#${plan.keep.id} ${plan.keep.name}`;
	const others = plan.others.map(other => `#${other.id} ${other.name}`).join(', ');
	const lines = [`Merging keeps ${keep}. ${others} is deleted, pointing at #${plan.keep.id}.`];
	const show = (value: unknown) => fitText(Array.isArray(value) ? value.join(', ') : joinLines(String(value), ' / '), 40).trimEnd();
	const changes = customerFieldNames.filter(field => plan.changed.includes(field)).map(field => `${field} “${show(plan.before[field])}” → “${show(plan.keep[field])}”`);
	lines.push(changes.length > 0 ? `${keep} changes: ${changes.join('; ')}` : `${keep} keeps every field as it is.`);
	const moved = Object.entries(plan.moved).filter(([, count]) => count > 0).map(([table, count]) => `${count} ${movedNames[table as MovedTable][count === 1 ? 0 : 1]}`);
	lines.push(`Moved to #${plan.keep.id}: ${moved.length > 0 ? moved.join(', ') : 'nothing (no orders, interactions, jobs or history)'}.`);
	lines.push('u undoes it here afterwards (or: opsdesk merges undo ID).');
	return lines;
}

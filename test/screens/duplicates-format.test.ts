import {describe, expect, it} from 'vitest';
import type {Customer} from '../../source/customers/customer-fields.js';
import type {MergeResult} from '../../source/duplicates/merge.js';
import {compareCustomers, describeMergePlan, formatComparedRow} from '../../source/screens/duplicates-format.js';

const customer = (id: number, fields: Partial<Customer>): Customer => ({
	id, name: '', company: '', email: '', phone: '', address: '', city: '', country: '', status: 'lead', tags: [], notes: '',
	created_at: '2026-01-02T09:00:00.000Z', updated_at: '2026-01-02T09:00:00.000Z', deleted_at: null, version: 1, ...fields,
});

describe('the Duplicates view formatting', () => {
	it('marks fields that differ, and those a merge fills from the right', () => {
		const left = customer(1, {name: 'Anna Kowalski', email: 'anna@example.com', tags: ['vip'], address: 'ul. Długa 5\n31-000 Kraków'});
		const right = customer(2, {name: 'Anna Kowalski', email: 'anna@home.example', phone: '+48 12 345', tags: ['vip']});
		const rows = compareCustomers(left, right);
		const byLabel = Object.fromEntries(rows.map(row => [row.label, row]));
		expect(byLabel.Name!.mark).toBe('same');
		expect(byLabel.Email!.mark).toBe('differs');
		expect(byLabel.Phone!.mark).toBe('fills');
		expect(byLabel.Tags!.mark).toBe('same');
		expect(byLabel.Address).toMatchObject({left: 'ul. Długa 5, 31-000 Kraków', right: '', mark: 'differs'});
		expect(formatComparedRow(byLabel.Email!, 60)).toBe('Email    ≠ anna@example.com        anna@home.example');
		expect(formatComparedRow(byLabel.Phone!, 60)).toBe('Phone    ←                         +48 12 345');
		// Every row fits the width, however long its values.
		const long = {label: 'Notes', left: 'x'.repeat(200), right: 'y'.repeat(200), mark: 'differs' as const};
		expect(formatComparedRow(long, 60).length).toBeLessThanOrEqual(60);
	});

	it('says what a merge does: the kept customer, the fields that change, what moves', () => {
		const before = customer(1, {name: 'Anna Kowalski'});
		const plan: MergeResult = {
			mergeId: undefined, before, keep: {...before, phone: '+48 12 345', tags: ['vip', 'b2b']}, others: [customer(2, {name: 'Anna Kowalsky'})],
			changed: ['phone', 'tags'], moved: {interactions: 1, orders: 2, jobs: 0, customer_history: 3},
		};
		expect(describeMergePlan(plan)).toEqual([
			'Merging keeps #1 Anna Kowalski. #2 Anna Kowalsky is deleted, pointing at #1.',
			'#1 Anna Kowalski changes: phone “” → “+48 12 345”; tags “” → “vip, b2b”',
			'Moved to #1: 1 interaction, 2 orders, 3 history entries.',
			'u undoes it here afterwards (or: opsdesk merges undo ID).',
		]);
		expect(describeMergePlan({...plan, changed: [], moved: {interactions: 0, orders: 0, jobs: 0, customer_history: 0}}).slice(1, 3)).toEqual([
			'#1 Anna Kowalski keeps every field as it is.',
			'Moved to #1: nothing (no orders, interactions, jobs or history).',
		]);
	});
});

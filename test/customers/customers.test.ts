import {describe, expect, it} from 'vitest';
import {createCustomer, deleteCustomer, getCustomer, restoreCustomer, updateCustomer} from '../../source/customers/customers.js';
import {customerHistory} from '../../source/customers/history.js';
import {addInteraction, listInteractions} from '../../source/customers/interactions.js';
import {ConflictError, ValidationError} from '../../source/store/errors.js';
import {tempDatabase} from '../support/temp-db.js';

describe('customers', () => {
	it('stores every field, trimmed, with defaults, times and version 1', () => {
		const {db} = tempDatabase();
		const customer = createCustomer(db, {
			name: '  Grace Hopper ', company: 'Navy', email: 'grace@navy.example', phone: '+1 (555) 010-2030',
			address: '1 Main St\nSuite 2', city: 'Arlington', country: 'US', tags: ['vip', 'cobol', 'vip'], notes: 'Met at the conference',
		});
		expect(customer).toMatchObject({
			name: 'Grace Hopper', status: 'lead', tags: ['vip', 'cobol'], address: '1 Main St\nSuite 2', version: 1, deleted_at: null,
		});
		expect(customer.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(getCustomer(db, customer.id)).toEqual(customer);
	});

	it('rejects a missing name, a bad email, an unknown status, naming the field', () => {
		const {db} = tempDatabase();
		expect(() => createCustomer(db, {name: '   '})).toThrow(ValidationError);
		expect(() => createCustomer(db, {name: ' '})).toThrow(/^name: name is required/);
		expect(() => createCustomer(db, {name: 'X', email: 'not-an-email'})).toThrow(/^email: is not a valid email address/);
		expect(() => createCustomer(db, {name: 'X', status: 'vip' as never})).toThrow(/^status: must be one of lead, active, inactive/);
		expect(() => createCustomer(db, {name: 'X\nY'})).toThrow(/^name: must be on one line/);
		expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({n: 0});
	});

	it('keeps emails unique among live customers, ignoring case, and frees a deleted one', () => {
		const {db} = tempDatabase();
		const first = createCustomer(db, {name: 'Ann', email: 'Ann@Example.com'});
		expect(() => createCustomer(db, {name: 'Other Ann', email: 'ann@example.COM'})).toThrow(`email: ann@example.COM is already used by customer #${first.id}`);
		const second = createCustomer(db, {name: 'Bob', email: 'bob@example.com'});
		expect(() => updateCustomer(db, second.id, {email: 'ANN@example.com'})).toThrow(/already used/);
		deleteCustomer(db, first.id);
		const third = createCustomer(db, {name: 'New Ann', email: 'ann@example.com'});
		expect(third.email).toBe('ann@example.com');
		// Restoring the first would now break uniqueness: refused, nothing changes.
		expect(() => restoreCustomer(db, first.id)).toThrow(/already used by customer #/);
		expect(getCustomer(db, first.id)?.deleted_at).not.toBeNull();
	});

	it('soft-deletes and restores, keeping the record and its history', () => {
		const {db} = tempDatabase();
		const customer = createCustomer(db, {name: 'Linus'});
		const deleted = deleteCustomer(db, customer.id);
		expect(deleted.deleted_at).not.toBeNull();
		expect(() => updateCustomer(db, customer.id, {city: 'Helsinki'})).toThrow(/is deleted/);
		const restored = restoreCustomer(db, customer.id);
		expect(restored.deleted_at).toBeNull();
		expect(customerHistory(db, customer.id).map(entry => entry.field)).toEqual(['deleted', 'deleted']);
	});

	it('refuses an edit based on a stale version instead of overwriting it', () => {
		const {db} = tempDatabase();
		const customer = createCustomer(db, {name: 'Margaret', city: 'Boston'});
		updateCustomer(db, customer.id, {city: 'Houston'}, {expectedVersion: customer.version});
		expect(() => updateCustomer(db, customer.id, {city: 'Cambridge'}, {expectedVersion: customer.version})).toThrow(ConflictError);
		expect(getCustomer(db, customer.id)).toMatchObject({city: 'Houston', version: 2});
	});

	it('records who changed which field from what to what', () => {
		const {db} = tempDatabase();
		const customer = createCustomer(db, {name: 'Alan', tags: ['a']});
		updateCustomer(db, customer.id, {status: 'active', tags: ['a', 'b'], name: 'Alan'}, {actor: 'enter-customer'});
		const history = customerHistory(db, customer.id);
		const changes = history.map(({field, old_value, new_value, actor}) => ({field, old_value, new_value, actor}));
		expect(changes).toHaveLength(2);
		expect(changes).toEqual(expect.arrayContaining([
			{field: 'status', old_value: 'lead', new_value: 'active', actor: 'enter-customer'},
			{field: 'tags', old_value: 'a', new_value: 'a;b', actor: 'enter-customer'},
		]));
		// No change, no new version, no history.
		expect(updateCustomer(db, customer.id, {status: 'active'}).version).toBe(2);
	});
});

describe('interactions', () => {
	it('belong to a customer and are listed newest first', () => {
		const {db} = tempDatabase();
		const customer = createCustomer(db, {name: 'Barbara'});
		addInteraction(db, customer.id, {kind: 'call', subject: 'First call', at: '2026-01-01T10:00:00.000Z'});
		addInteraction(db, customer.id, {kind: 'email', direction: 'in', subject: 'Reply', body: 'Thanks', at: '2026-01-02T10:00:00.000Z'});
		expect(listInteractions(db, customer.id).map(interaction => [interaction.kind, interaction.direction, interaction.subject])).toEqual([
			['email', 'in', 'Reply'],
			['call', 'out', 'First call'],
		]);
	});

	it('reject an unknown kind or direction and a missing customer', () => {
		const {db} = tempDatabase();
		const customer = createCustomer(db, {name: 'Barbara'});
		expect(() => addInteraction(db, customer.id, {kind: 'fax', subject: 'x'})).toThrow(/^kind: must be one of email, sms, call, note, ticket, robot/);
		expect(() => addInteraction(db, customer.id, {kind: 'call', direction: 'sideways', subject: 'x'})).toThrow(/^direction: must be in or out/);
		expect(() => addInteraction(db, 999, {kind: 'call', subject: 'x'})).toThrow(/no customer #999/);
	});
});

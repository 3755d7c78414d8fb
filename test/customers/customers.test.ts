import {sql} from 'kysely';
import {describe, expect, it} from 'vitest';
import {createCustomer, deleteCustomer, getCustomer, restoreCustomer, updateCustomer} from '../../source/customers/customers.js';
import {customerHistory} from '../../source/customers/history.js';
import {addInteraction, listInteractions} from '../../source/customers/interactions.js';
import {onRecordEvent, type RecordEvent} from '../../source/events/record-events.js';
import {ConflictError, ValidationError} from '../../source/store/errors.js';
import {engines, tempStore} from '../support/engines.js';

describe.each(engines)('customers on %s', engine => {
	it('stores every field, trimmed, with defaults, times and version 1', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {
			name: '  Grace Hopper ', company: 'Navy', email: 'grace@navy.example', phone: '+1 (555) 010-2030',
			address: '1 Main St\nSuite 2', city: 'Arlington', country: 'US', tags: ['vip', 'cobol', 'vip'], notes: 'Met at the conference',
		});
		expect(customer).toMatchObject({
			name: 'Grace Hopper', status: 'lead', tags: ['vip', 'cobol'], address: '1 Main St\nSuite 2', version: 1, deleted_at: null,
		});
		expect(customer.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(await getCustomer(db, customer.id)).toEqual(customer);
	});

	it('rejects a missing name, a bad email, an unknown status, naming the field', async () => {
		const db = await tempStore(engine);
		await expect(createCustomer(db, {name: '   '})).rejects.toThrow(ValidationError);
		await expect(createCustomer(db, {name: ' '})).rejects.toThrow(/^name: name is required/);
		await expect(createCustomer(db, {name: 'X', email: 'not-an-email'})).rejects.toThrow(/^email: is not a valid email address/);
		await expect(createCustomer(db, {name: 'X', status: 'vip' as never})).rejects.toThrow(/^status: must be one of lead, active, inactive/);
		await expect(createCustomer(db, {name: 'X\nY'})).rejects.toThrow(/^name: must be on one line/);
		expect((await sql<{n: number}>`SELECT count(*) AS n FROM customers`.execute(db.db)).rows[0]).toEqual({n: 0});
	});

	it('keeps emails unique among live customers, ignoring case, and frees a deleted one', async () => {
		const db = await tempStore(engine);
		const first = await createCustomer(db, {name: 'Ann', email: 'Ann@Example.com'});
		await expect(createCustomer(db, {name: 'Other Ann', email: 'ann@example.COM'})).rejects.toThrow(`email: ann@example.COM is already used by customer #${first.id}`);
		const second = await createCustomer(db, {name: 'Bob', email: 'bob@example.com'});
		await expect(updateCustomer(db, second.id, {email: 'ANN@example.com'})).rejects.toThrow(/already used/);
		await deleteCustomer(db, first.id);
		const third = await createCustomer(db, {name: 'New Ann', email: 'ann@example.com'});
		expect(third.email).toBe('ann@example.com');
		// Restoring the first would now break uniqueness: refused, nothing changes.
		await expect(restoreCustomer(db, first.id)).rejects.toThrow(/already used by customer #/);
		expect((await getCustomer(db, first.id))?.deleted_at).not.toBeNull();
	});

	it('gives two customers added at the same moment with the same email one refusal, not two rows', async () => {
		const db = await tempStore(engine);
		const outcomes = await Promise.allSettled(['Ann One', 'Ann Two', 'Ann Three'].map(name => createCustomer(db, {name, email: 'same@example.com'})));
		expect(outcomes.filter(outcome => outcome.status === 'fulfilled')).toHaveLength(1);
		for (const outcome of outcomes) if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/^ValidationError: email: same@example.com is already used/);
	});

	it('soft-deletes and restores, keeping the record and its history', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {name: 'Linus'});
		const deleted = await deleteCustomer(db, customer.id);
		expect(deleted.deleted_at).not.toBeNull();
		await expect(updateCustomer(db, customer.id, {city: 'Helsinki'})).rejects.toThrow(/is deleted/);
		const restored = await restoreCustomer(db, customer.id);
		expect(restored.deleted_at).toBeNull();
		expect((await customerHistory(db, customer.id)).map(entry => entry.field)).toEqual(['deleted', 'deleted']);
	});

	it('refuses an edit based on a stale version instead of overwriting it', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {name: 'Margaret', city: 'Boston'});
		await updateCustomer(db, customer.id, {city: 'Houston'}, {expectedVersion: customer.version});
		await expect(updateCustomer(db, customer.id, {city: 'Cambridge'}, {expectedVersion: customer.version})).rejects.toThrow(ConflictError);
		expect(await getCustomer(db, customer.id)).toMatchObject({city: 'Houston', version: 2});
	});

	it('applies edits that arrive at the same moment one after the other, none lost', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {name: 'Margaret'});
		await Promise.all([
			updateCustomer(db, customer.id, {city: 'Boston'}),
			updateCustomer(db, customer.id, {phone: '+1 555 0100'}),
			updateCustomer(db, customer.id, {notes: 'called'}),
		]);
		expect(await getCustomer(db, customer.id)).toMatchObject({city: 'Boston', phone: '+1 555 0100', notes: 'called', version: 4});
	});

	it('records who changed which field from what to what', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {name: 'Alan', tags: ['a']});
		await updateCustomer(db, customer.id, {status: 'active', tags: ['a', 'b'], name: 'Alan'}, {actor: 'enter-customer'});
		const history = await customerHistory(db, customer.id);
		const changes = history.map(({field, old_value, new_value, actor}) => ({field, old_value, new_value, actor}));
		expect(changes).toHaveLength(2);
		expect(changes).toEqual(expect.arrayContaining([
			{field: 'status', old_value: 'lead', new_value: 'active', actor: 'enter-customer'},
			{field: 'tags', old_value: 'a', new_value: 'a;b', actor: 'enter-customer'},
		]));
		// No change, no new version, no history.
		expect((await updateCustomer(db, customer.id, {status: 'active'})).version).toBe(2);
	});

	it('tells record listeners of every change inside its transaction, with its origin; a listener that fails undoes the change', async () => {
		const db = await tempStore(engine);
		const heard: Array<[RecordEvent['type'], string, number | undefined]> = [];
		const stop = onRecordEvent(async (tx, event, origin) => {
			heard.push([event.type, origin.actor, origin.jobId]);
			if (event.type === 'customer.updated' && event.after.city === 'Nowhere') throw new Error('refused by a listener');
		});
		try {
			const customer = await createCustomer(db, {name: 'Ada'});
			await updateCustomer(db, customer.id, {city: 'London'}, {origin: {actor: 'enter-customer', jobId: 7}});
			await addInteraction(db, customer.id, {kind: 'robot', subject: 'Entered'}, {origin: {actor: 'enter-customer', jobId: 7}});
			await deleteCustomer(db, customer.id);
			await restoreCustomer(db, customer.id);
			await expect(updateCustomer(db, customer.id, {city: 'Nowhere'})).rejects.toThrow(/refused by a listener/);
			expect(await getCustomer(db, customer.id)).toMatchObject({city: 'London'});
			expect(heard).toEqual([
				['customer.created', 'operator', undefined],
				['customer.updated', 'enter-customer', 7],
				['interaction.created', 'enter-customer', 7],
				['customer.deleted', 'operator', undefined],
				['customer.restored', 'operator', undefined],
				['customer.updated', 'operator', undefined],
			]);
			const [interaction] = await listInteractions(db, customer.id);
			expect(interaction).toMatchObject({actor: 'enter-customer', job_id: 7});
			expect((await customerHistory(db, customer.id)).find(entry => entry.field === 'city')).toMatchObject({actor: 'enter-customer'});
		} finally {
			stop();
		}
	});
});

describe.each(engines)('interactions on %s', engine => {
	it('belong to a customer and are listed newest first', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {name: 'Barbara'});
		await addInteraction(db, customer.id, {kind: 'call', subject: 'First call', at: '2026-01-01T10:00:00.000Z'});
		await addInteraction(db, customer.id, {kind: 'email', direction: 'in', subject: 'Reply', body: 'Thanks', at: '2026-01-02T10:00:00.000Z'});
		expect((await listInteractions(db, customer.id)).map(interaction => [interaction.kind, interaction.direction, interaction.subject])).toEqual([
			['email', 'in', 'Reply'],
			['call', 'out', 'First call'],
		]);
	});

	it('reject an unknown kind or direction and a missing customer', async () => {
		const db = await tempStore(engine);
		const customer = await createCustomer(db, {name: 'Barbara'});
		await expect(addInteraction(db, customer.id, {kind: 'fax', subject: 'x'})).rejects.toThrow(/^kind: must be one of email, sms, call, note, ticket, robot/);
		await expect(addInteraction(db, customer.id, {kind: 'call', direction: 'sideways', subject: 'x'})).rejects.toThrow(/^direction: must be in or out/);
		await expect(addInteraction(db, 999, {kind: 'call', subject: 'x'})).rejects.toThrow(/no customer #999/);
	});
});

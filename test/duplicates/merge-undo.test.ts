import {describe, expect, it} from 'vitest';
import {createCustomer, requireCustomer, updateCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {createOrder, updateOrder} from '../../source/orders/orders.js';
import {customerHistory} from '../../source/customers/history.js';
import {listCustomers} from '../../source/customers/customer-list.js';
import {onRecordEvent, type RecordEvent} from '../../source/events/record-events.js';
import {mergeCustomers} from '../../source/duplicates/merge.js';
import {undoMerge} from '../../source/duplicates/merge-undo.js';
import type {Store} from '../../source/store/store.js';
import {engines, tempStore} from '../support/engines.js';
import {tableDump} from './table-dump.js';

async function crm(store: Store) {
	const keep = await createCustomer(store, {name: 'Anna Müller', email: 'anna@acme.example', company: '', phone: '', city: 'Berlin', tags: ['vip'], notes: 'Prefers mornings'});
	const other = await createCustomer(store, {name: 'Anna Mueller', email: 'anna.m@home.example', company: 'Acme GmbH', phone: '+49 30 1234567', country: 'DE', tags: ['newsletter', 'vip'], notes: 'Met at the fair'});
	const third = await createCustomer(store, {name: 'A. Müller', email: '', company: 'Acme', phone: '', address: 'Hauptstr. 1', tags: ['b2b']});
	const bystander = await createCustomer(store, {name: 'Zoë Martin', email: 'zoe@example.com'});
	await updateCustomer(store, other.id, {city: 'Hamburg'});
	await addInteraction(store, other.id, {kind: 'call', subject: 'Asked for a quote', at: '2026-01-02T10:00:00.000Z'});
	await addInteraction(store, third.id, {kind: 'email', subject: 'Invoice', at: '2026-01-03T10:00:00.000Z'});
	await addInteraction(store, keep.id, {kind: 'note', subject: 'Own note', at: '2026-01-04T10:00:00.000Z'});
	await createOrder(store, {customer_id: other.id, amount: 12_000, currency: 'EUR', status: 'won', placed_at: '2026-01-05'});
	const zeroed = await createOrder(store, {customer_id: other.id, amount: 500, currency: 'USD', status: 'paid', placed_at: '2026-02-01'});
	// A rollup row of zeros: the order that made it stopped counting as revenue.
	await updateOrder(store, zeroed.id, {status: 'refunded'});
	await createOrder(store, {customer_id: keep.id, amount: 3_000, currency: 'EUR', status: 'paid', placed_at: '2026-01-20'});
	await createOrder(store, {customer_id: bystander.id, amount: 100, currency: 'EUR', status: 'won', placed_at: '2026-01-20'});
	await store.write(tx => tx.db.insertInto('jobs').values({
		robot: 'enter-customer', robot_file: 'enter.yaml', robot_text: 'steps: []', customer_id: third.id, priority: 0, status: 'queued', attempts: 0,
		max_attempts: 3, attempts_granted: 3, run_after: '2026-01-01T00:00:00.000Z', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', dry_run: 0,
	}).execute());
	return {keep, other, third, bystander};
}

async function searchResults(store: Store): Promise<string[]> {
	const results: string[] = [];
	for (const term of ['anna', 'müller', 'mueller', 'acme', 'home.example', '1234567', 'zoë', 'a m']) {
		const page = await listCustomers(store, {search: term, limit: 50});
		results.push(`${term}: ${page.customers.map(customer => customer.id).join(',')}`);
	}
	return results;
}

describe.each(engines)('merging customers on %s', engine => {
	it('moves everything to KEEP, fills its empty fields, unions tags, soft-deletes the others, and is undone exactly', async () => {
		const store = await tempStore(engine);
		const {keep, other, third} = await crm(store);
		const before = await tableDump(store, ['merges']);
		const searchedBefore = await searchResults(store);
		const heard: RecordEvent['type'][] = [];
		const stop = onRecordEvent(async (_tx, event) => {
			heard.push(event.type);
		});
		try {
			const result = await mergeCustomers(store, keep.id, [other.id, third.id]);
			expect(result.keep).toMatchObject({
				name: 'Anna Müller', email: 'anna@acme.example', company: 'Acme GmbH', phone: '+49 30 1234567', city: 'Berlin', country: 'DE', address: 'Hauptstr. 1',
				tags: ['vip', 'newsletter', 'b2b'],
				notes: `Prefers mornings\n\nMet at the fair\n\nFrom #${other.id} (merged): email anna.m@home.example`,
			});
			expect(result.moved).toEqual({interactions: 2, orders: 2, jobs: 1, customer_history: 1});
			for (const id of [other.id, third.id]) {
				const gone = await requireCustomer(store, id, {includeDeleted: true});
				expect(gone.deleted_at).not.toBeNull();
				expect((await store.db.selectFrom('customers').select('merged_into').where('id', '=', id).executeTakeFirstOrThrow()).merged_into).toBe(keep.id);
			}
			const interactions = await store.db.selectFrom('interactions').select('customer_id').execute();
			expect(interactions.every(row => Number(row.customer_id) === keep.id)).toBe(true);
			const revenue = await store.db.selectFrom('customer_revenue').selectAll().where('customer_id', '=', keep.id).execute();
			expect(revenue.map(row => [row.currency, Number(row.revenue), Number(row.orders)])).toEqual([['EUR', 15_000, 2]]);
			expect((await customerHistory(store, keep.id)).map(entry => entry.field)).toEqual(expect.arrayContaining(['merged', 'company', 'phone', 'city']));
			expect(await tableDump(store, ['merges'])).not.toEqual(before);
			await undoMerge(store, result.mergeId!);
		} finally {
			stop();
		}
		// One event each way: no customer.updated, customer.deleted or interaction events for the rows it moved.
		expect(heard).toEqual(['customer.merged', 'customer.unmerged']);
		expect(await tableDump(store, ['merges'])).toEqual(before);
		expect(await searchResults(store)).toEqual(searchedBefore);
		expect((await store.db.selectFrom('merges').selectAll().executeTakeFirstOrThrow()).undone_at).not.toBeNull();
	});

	it('is undone exactly after --prefer other took the other name, phone and status', async () => {
		const store = await tempStore(engine);
		const {keep, other} = await crm(store);
		await updateCustomer(store, other.id, {status: 'active'});
		const before = await tableDump(store, ['merges']);
		const searchedBefore = await searchResults(store);
		const {mergeId, keep: merged} = await mergeCustomers(store, keep.id, [other.id], {prefer: 'other'});
		expect(merged).toMatchObject({name: 'Anna Mueller', email: 'anna.m@home.example', status: 'active', city: 'Hamburg'});
		await undoMerge(store, mergeId!);
		expect(await tableDump(store, ['merges'])).toEqual(before);
		expect(await searchResults(store)).toEqual(searchedBefore);
	});

	it('refuses to undo (exit 3) once KEEP changed, unless forced', async () => {
		const store = await tempStore(engine);
		const {keep, other} = await crm(store);
		const {mergeId} = await mergeCustomers(store, keep.id, [other.id]);
		await updateCustomer(store, keep.id, {notes: 'Changed after the merge'});
		await expect(undoMerge(store, mergeId!)).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining('--force')});
		const undone = await undoMerge(store, mergeId!, {force: true});
		expect(undone.keep.notes).toBe('Prefers mornings');
		expect(undone.others[0]!.deleted_at).toBeNull();
		await expect(undoMerge(store, mergeId!)).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining('undone already')});
	});

	it('changes nothing on a dry run, and refuses odd requests', async () => {
		const store = await tempStore(engine);
		const {keep, other, bystander} = await crm(store);
		const before = await tableDump(store);
		const dry = await mergeCustomers(store, keep.id, [other.id], {dryRun: true});
		expect(dry.mergeId).toBeUndefined();
		expect(dry.keep.company).toBe('Acme GmbH');
		expect(await tableDump(store)).toEqual(before);
		await expect(mergeCustomers(store, keep.id, [keep.id])).rejects.toMatchObject({exitCode: 1});
		await expect(mergeCustomers(store, keep.id, [other.id, other.id])).rejects.toMatchObject({exitCode: 1});
		await expect(mergeCustomers(store, keep.id, [99_999])).rejects.toMatchObject({exitCode: 1});
		await mergeCustomers(store, keep.id, [other.id]);
		await expect(mergeCustomers(store, bystander.id, [other.id])).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining(`merged into #${keep.id}`)});
	});

	it('refuses (exit 3, even forced) to undo under a later merge or onto an email someone took, changing nothing; a forced undo keeps what KEEP got since', async () => {
		const store = await tempStore(engine);
		const {keep, other, third, bystander} = await crm(store);
		const first = await mergeCustomers(store, keep.id, [other.id]);
		const second = await mergeCustomers(store, bystander.id, [keep.id]);
		const stacked = await tableDump(store);
		for (const force of [false, true]) {
			await expect(undoMerge(store, first.mergeId!, {force})).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining(`undo it first (opsdesk merges undo ${second.mergeId})`)});
		}
		expect(await tableDump(store)).toEqual(stacked);
		await undoMerge(store, second.mergeId!);
		// The merged customer's email, moved to KEEP's notes, given to a new customer meanwhile.
		const newcomer = await createCustomer(store, {name: 'Someone New', email: 'ANNA.M@home.example'});
		const taken = await tableDump(store);
		await expect(undoMerge(store, first.mergeId!, {force: true})).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining(`customer #${newcomer.id} Someone New uses it now`)});
		expect(await tableDump(store)).toEqual(taken);
		await updateCustomer(store, newcomer.id, {email: 'someone@new.example'});
		const later = await addInteraction(store, keep.id, {kind: 'note', subject: 'Written after the merge', at: '2026-03-01T10:00:00.000Z'});
		await undoMerge(store, first.mergeId!, {force: true});
		const interaction = await store.db.selectFrom('interactions').select('customer_id').where('id', '=', later.id).executeTakeFirstOrThrow();
		expect(Number(interaction.customer_id)).toBe(keep.id);
		expect((await requireCustomer(store, other.id)).email).toBe('anna.m@home.example');
		expect((await requireCustomer(store, third.id)).deleted_at).toBeNull();
	});

	it('refuses (exit 3) to undo once a moved order belongs to someone else, and a forced undo leaves it there', async () => {
		const store = await tempStore(engine);
		const {keep, other, bystander} = await crm(store);
		const {mergeId} = await mergeCustomers(store, keep.id, [other.id]);
		const moved = await store.db.selectFrom('orders').select('id').where('customer_id', '=', keep.id).where('amount', '=', 12_000).executeTakeFirstOrThrow();
		await updateOrder(store, Number(moved.id), {customer_id: bystander.id});
		const before = await tableDump(store);
		await expect(undoMerge(store, mergeId!)).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining(`order #${moved.id}, moved to #${keep.id} by merge #${mergeId}, belongs to customer #${bystander.id} now`)});
		expect(await tableDump(store)).toEqual(before);
		await undoMerge(store, mergeId!, {force: true});
		const order = await store.db.selectFrom('orders').select('customer_id').where('id', '=', Number(moved.id)).executeTakeFirstOrThrow();
		expect(Number(order.customer_id)).toBe(bystander.id);
		expect((await requireCustomer(store, other.id)).deleted_at).toBeNull();
	});
});

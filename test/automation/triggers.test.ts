import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer, updateCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {createOrder, updateOrder} from '../../source/orders/orders.js';
import {listenForTriggers} from '../../source/automation/trigger-registration.js';
import {readRobotCopy} from '../../source/automation/robot-copy.js';
import {saveSegment} from '../../source/automation/segments.js';
import {saveTrigger} from '../../source/automation/triggers.js';
import {checkTrigger} from '../../source/automation/trigger-events.js';
import type {Store} from '../../source/store/store.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempStore} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

listenForTriggers();

const markActive = readRobotCopy(path.resolve('fixtures/robots/mark-active.yaml'));
const target = (store: Store) => (store.target.engine === 'sqlite' ? store.target.file : store.target.url);

async function trigger(store: Store, name: string, on: string, filter: Record<string, string> = {}, segmentId?: number) {
	const checked = checkTrigger(on, filter);
	await saveTrigger(store, {name, copy: markActive, ...checked, ...(segmentId ? {segmentId} : {})});
}

async function jobs(store: Store) {
	return store.db.selectFrom('jobs').select(['id', 'customer_id', 'trigger_name', 'trigger_depth', 'robot', 'status', 'needs_desktop']).orderBy('id').execute();
}

describe.each(engines)('record triggers on %s', engine => {
	it('customer.created queues exactly one job for the new customer, in the same transaction', async () => {
		const store = await tempStore(engine);
		await trigger(store, 'welcome', 'customer.created');
		const zoe = await createCustomer(store, {name: 'Zoë'});
		expect(await jobs(store)).toEqual([{id: expect.any(Number), customer_id: zoe.id, trigger_name: 'welcome', trigger_depth: 1, robot: 'mark-active', status: 'queued', needs_desktop: 0}]);
		// A change that is rolled back queues nothing.
		await expect(store.write(async tx => {
			await createCustomer(tx, {name: 'Ghost'});
			throw new Error('changed my mind');
		})).rejects.toThrow('changed my mind');
		expect(await jobs(store)).toHaveLength(1);
		// An email another customer holds refuses the customer, and so its job.
		await createCustomer(store, {name: 'Ada', email: 'ada@example.com'});
		await expect(createCustomer(store, {name: 'Ada 2', email: 'ADA@example.com'})).rejects.toThrow('already used');
		expect(await jobs(store)).toHaveLength(2);
	});

	it('a status trigger fires on lead → active, not on a city change or another status', async () => {
		const store = await tempStore(engine);
		await trigger(store, 'ledger', 'customer.status-changed', {from: 'lead', to: 'active'});
		const anna = await createCustomer(store, {name: 'Anna', status: 'lead'});
		await updateCustomer(store, anna.id, {city: 'Wien'});
		expect(await jobs(store)).toEqual([]);
		await updateCustomer(store, anna.id, {status: 'active'});
		expect((await jobs(store)).map(job => [job.customer_id, job.trigger_name])).toEqual([[anna.id, 'ledger']]);
		await updateCustomer(store, anna.id, {status: 'inactive'});
		await updateCustomer(store, anna.id, {status: 'active', notes: 'back'});
		// inactive → active is not lead → active.
		expect(await jobs(store)).toHaveLength(1);
	});

	it('tags, orders, interactions and a segment narrow what fires', async () => {
		const store = await tempStore(engine);
		const {segment} = await saveSegment(store, 'vienna', {city: 'Wien'});
		await trigger(store, 'vip', 'customer.tagged', {tag: 'VIP'});
		await trigger(store, 'big-order', 'order.created', {}, segment.id);
		await trigger(store, 'won', 'order.status-changed', {to: 'won'});
		await trigger(store, 'inbound-email', 'interaction.created', {kind: 'email', direction: 'in'});
		const wien = await createCustomer(store, {name: 'Wien', city: 'Wien', tags: ['vip']});
		const graz = await createCustomer(store, {name: 'Graz', city: 'Graz'});
		await updateCustomer(store, graz.id, {tags: ['Vip', 'wholesale']});
		await updateCustomer(store, graz.id, {tags: ['vip', 'wholesale', 'new']});
		await createOrder(store, {customer_id: graz.id, amount: 100});
		const order = await createOrder(store, {customer_id: wien.id, amount: 100});
		await updateOrder(store, order.id, {status: 'won'});
		await addInteraction(store, graz.id, {kind: 'email', direction: 'out', subject: 'hello'});
		await addInteraction(store, graz.id, {kind: 'email', direction: 'in', subject: 'reply'});
		expect((await jobs(store)).map(job => `${job.trigger_name} ${job.customer_id === wien.id ? 'wien' : 'graz'}`)).toEqual([
			'vip wien', 'vip graz', 'big-order wien', 'won wien', 'inbound-email graz',
		]);
	});

	it('a robot\'s own change does not fire the trigger that ran it; a chain stops after 3 hops and says so on the job', async () => {
		const store = await tempStore(engine);
		await trigger(store, 'activate', 'customer.created');
		await trigger(store, 'on-active', 'customer.status-changed', {to: 'active'});
		const bea = await createCustomer(store, {name: 'Bea'});
		const [first] = await jobs(store);
		// The robot of job 1 (queued by 'activate') changes the customer: 'activate' is not fired by it, 'on-active' is, one hop further.
		await updateCustomer(store, bea.id, {status: 'active'}, {origin: {actor: 'mark-active', jobId: first!.id, trigger: 'activate', triggerDepth: 1}});
		const second = (await jobs(store))[1]!;
		expect(second).toMatchObject({trigger_name: 'on-active', trigger_depth: 2});
		// Its own change re-fires nothing of its own...
		await updateCustomer(store, bea.id, {status: 'lead'}, {origin: {actor: 'mark-active', jobId: second.id, trigger: 'on-active', triggerDepth: 2}});
		await updateCustomer(store, bea.id, {status: 'active'}, {origin: {actor: 'mark-active', jobId: second.id, trigger: 'on-active', triggerDepth: 2}});
		expect(await jobs(store)).toHaveLength(2);
		// ...and a job three hops deep fires no further hop: its log says why.
		await updateCustomer(store, bea.id, {status: 'lead'}, {origin: {actor: 'x', jobId: first!.id, trigger: 'activate', triggerDepth: 3}});
		await updateCustomer(store, bea.id, {status: 'active'}, {origin: {actor: 'x', jobId: first!.id, trigger: 'activate', triggerDepth: 3}});
		expect(await jobs(store)).toHaveLength(2);
		const logs = await store.db.selectFrom('job_logs').select('message').where('job_id', '=', first!.id).execute();
		expect(logs.map(log => log.message)).toContain(`trigger on-active (customer.status-changed) not fired for customer #${bea.id}: a chain of triggers stops after 3 hops, and this job is hop 3 (queued by trigger activate)`);
	});

	it('triggers add, list, pause, resume and delete', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		const robot = path.resolve('fixtures/robots/mark-active.yaml');
		const added = await opsdesk(['triggers', 'add', 'welcome', '--robot', robot, '--on', 'customer.created', '--db', db]);
		expect(added.code).toBe(0);
		expect(added.stderr).toBe('added trigger welcome: on customer.created, queue robot mark-active\n');
		expect((await opsdesk(['triggers', 'add', 'st', '--robot', robot, '--on', 'customer.status-changed', '--db', db])).stderr).toContain('needs --to STATUS');
		expect((await opsdesk(['triggers', 'add', 'st', '--robot', robot, '--on', 'customer.created', '--to', 'active', '--db', db])).stderr).toContain('--to does not apply to customer.created');
		expect((await opsdesk(['triggers', 'add', 'st', '--robot', robot, '--on', 'customer.status-changed', '--to', 'gone', '--db', db])).stderr).toContain('"gone" is not a status (lead, active, inactive)');
		expect((await opsdesk(['triggers', 'add', 'st', '--robot', robot, '--on', 'customer.deleted', '--db', db])).stderr).toContain('"customer.deleted" is not an event');
		expect((await opsdesk(['triggers', 'add', 'st', '--robot', 'nope', '--on', 'customer.created', '--db', db])).stderr).toContain('nope: no such robot file');
		expect((await opsdesk(['triggers', 'add', 'st', '--robot', robot, '--on', 'customer.status-changed', '--from', 'lead', '--to', 'active', '--db', db])).code).toBe(0);
		await createCustomer(store, {name: 'Carl'});
		const listed = (await opsdesk(['triggers', 'list', '--db', db])).stdout;
		expect(listed).toMatch(/^TRIGGER +EVENT +ROBOT +SEGMENT +LAST FIRED +JOBS +STATE\nst +customer\.status-changed lead → active +mark-active +never +0 +on\nwelcome +customer\.created +mark-active +\d{4}-\d\d-\d\dT[\d:.]+Z +1 +on\n$/);
		expect((await opsdesk(['triggers', 'pause', 'WELCOME', '--db', db])).stderr).toBe('trigger welcome paused\n');
		await createCustomer(store, {name: 'Dora'});
		expect(await jobs(store)).toHaveLength(1);
		await opsdesk(['triggers', 'resume', 'welcome', '--db', db]);
		await createCustomer(store, {name: 'Emil'});
		expect(await jobs(store)).toHaveLength(2);
		expect((await opsdesk(['triggers', 'delete', 'welcome', '--db', db])).stderr).toBe('deleted trigger welcome\n');
		await createCustomer(store, {name: 'Fritz'});
		expect(await jobs(store)).toHaveLength(2);
		expect((await opsdesk(['triggers', 'delete', 'welcome', '--db', db])).code).toBe(1);
	});
});

describe.each(engines)('record triggers from the command line on %s', engine => {
	it('fire for a customer added by the CLI and once per row of a 1,000-row import, and not for a dry run', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		const robot = path.resolve('fixtures/robots/mark-active.yaml');
		await opsdesk(['triggers', 'add', 'welcome', '--robot', robot, '--on', 'customer.created', '--db', db]);
		await opsdesk(['triggers', 'add', 'activated', '--robot', robot, '--on', 'customer.status-changed', '--from', 'lead', '--to', 'active', '--db', db]);
		const added = await opsdesk(['customers', 'add', '--name', 'Zoë', '--db', db]);
		const zoe = Number(added.stdout.trim());
		expect((await jobs(store)).map(job => [job.customer_id, job.trigger_name])).toEqual([[zoe, 'welcome']]);
		await opsdesk(['customers', 'edit', String(zoe), '--city', 'Wien', '--db', db]);
		await opsdesk(['customers', 'edit', String(zoe), '--status', 'active', '--db', db]);
		expect((await jobs(store)).map(job => job.trigger_name)).toEqual(['welcome', 'activated']);

		const file = path.join(tempFolder(), 'thousand.csv');
		fs.writeFileSync(file, ['name,email', ...Array.from({length: 1000}, (_, index) => `Customer ${index},c${index}@example.com`)].join('\n'));
		expect((await opsdesk(['import', 'customers', file, '--dry-run', '--db', db])).code).toBe(0);
		expect(await jobs(store)).toHaveLength(2);
		const imported = await opsdesk(['import', 'customers', file, '--db', db]);
		expect(imported.code).toBe(0);
		const all = await jobs(store);
		const welcomed = all.filter(job => job.trigger_name === 'welcome').map(job => job.customer_id);
		const customers = await store.db.selectFrom('customers').select('id').execute();
		expect(welcomed).toHaveLength(1001);
		expect(new Set(welcomed).size).toBe(1001);
		expect([...welcomed].sort((a, b) => a! - b!)).toEqual(customers.map(customer => customer.id).sort((a, b) => a - b));
	});
});

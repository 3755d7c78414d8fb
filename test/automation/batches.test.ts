import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {saveSegment} from '../../source/automation/segments.js';
import type {Store} from '../../source/store/store.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempStore} from '../support/engines.js';

const markActive = path.resolve('fixtures/robots/mark-active.yaml');
const target = (store: Store) => (store.target.engine === 'sqlite' ? store.target.file : store.target.url);
type ListedJob = {id: number; customer_id: number; status: string; batch_id: number; needs_desktop: boolean};

describe.each(engines)('enqueue for a segment on %s', engine => {
	it('makes one job per customer in the segment at that moment, as one batch whose progress jobs list --batch shows', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		const vienna = [];
		for (const name of ['Anna', 'Bea', 'Carl']) vienna.push(await createCustomer(store, {name, city: 'Wien'}));
		await createCustomer(store, {name: 'Dora', city: 'Graz'});
		await saveSegment(store, 'vienna', {city: 'wien'});
		const queued = await opsdesk(['robot', 'enqueue', markActive, '--segment', 'Vienna', '--db', db]);
		expect(queued.code).toBe(0);
		const batch = Number(queued.stdout.trim());
		expect(queued.stderr).toBe(`queued 3 jobs of robot mark-active for segment vienna as batch #${batch}; follow it with opsdesk jobs list --batch ${batch}\n`);
		// A customer who joins the segment later is not in this batch.
		await createCustomer(store, {name: 'Emil', city: 'Wien'});
		const listed = await opsdesk(['jobs', 'list', '--batch', String(batch), '--json', '--db', db]);
		const jobs = JSON.parse(listed.stdout) as ListedJob[];
		expect(jobs.map(job => job.customer_id).sort()).toEqual(vienna.map(customer => customer.id).sort());
		expect(jobs.every(job => job.batch_id === batch && job.status === 'queued' && job.needs_desktop === false)).toBe(true);
		expect(listed.stderr).toMatch(new RegExp(`^batch #${batch} \\(mark-active for segment vienna, queued .* by operator\\): 3 jobs: 3 queued, 0 running, 0 succeeded, 0 failed\\n$`));
		await opsdesk(['jobs', 'cancel', String(jobs[0]!.id), '--db', db]);
		expect((await opsdesk(['jobs', 'list', '--batch', String(batch), '--db', db])).stderr).toContain('3 jobs: 2 queued, 0 running, 0 succeeded, 0 failed, 1 cancelled');
		const missing = await opsdesk(['jobs', 'list', '--batch', '999', '--db', db]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no batch #999');
	});

	it('--skip-pending leaves out customers who already have a queued or running job of that robot', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		const anna = await createCustomer(store, {name: 'Anna', city: 'Wien'});
		const bea = await createCustomer(store, {name: 'Bea', city: 'Wien'});
		await saveSegment(store, 'vienna', {city: 'Wien'});
		expect((await opsdesk(['robot', 'enqueue', markActive, '--customer', String(anna.id), '--skip-pending', '--db', db])).code).toBe(0);
		const queued = await opsdesk(['robot', 'enqueue', markActive, '--segment', 'vienna', '--skip-pending', '--db', db]);
		expect(queued.stderr).toContain('queued 1 job of robot mark-active for segment vienna as batch');
		expect(queued.stderr).toContain('1 left out: a job of mark-active is already queued or running for them');
		const batch = Number(queued.stdout.trim());
		const jobs = JSON.parse((await opsdesk(['jobs', 'list', '--batch', String(batch), '--json', '--db', db])).stdout) as ListedJob[];
		expect(jobs.map(job => job.customer_id)).toEqual([bea.id]);
		// Everyone has one pending now: nothing more is queued, and it says so.
		const again = await opsdesk(['robot', 'enqueue', markActive, '--segment', 'vienna', '--skip-pending', '--db', db]);
		expect(again.code).toBe(0);
		expect(again.stderr).toContain('queued 0 jobs of robot mark-active for segment vienna');
		expect(again.stderr).toContain('2 left out');
		const byId = await opsdesk(['robot', 'enqueue', markActive, '--customer', String(anna.id), '--customer', String(bea.id), '--skip-pending', '--db', db]);
		expect(byId.stderr).toBe('queued 0 jobs of robot mark-active; 2 left out: a job of mark-active is already queued or running for them\n');
	});

	it('an empty segment queues nothing and says why; the flags are checked first', async () => {
		const store = await tempStore(engine);
		const db = target(store);
		await saveSegment(store, 'nobody', {city: 'Atlantis'});
		const empty = await opsdesk(['robot', 'enqueue', markActive, '--segment', 'nobody', '--db', db]);
		expect(empty.code).toBe(0);
		expect(empty.stderr).toContain('queued 0 jobs of robot mark-active for segment nobody as batch #1 (no customer is in it now: city Atlantis)');
		expect((await opsdesk(['robot', 'enqueue', markActive, '--segment', 'nobody', '--search', 'x', '--db', db])).stderr).toContain('name the customers one way');
		const unknown = await opsdesk(['robot', 'enqueue', markActive, '--segment', 'ghosts', '--db', db]);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('no segment named "ghosts"');
	});
});

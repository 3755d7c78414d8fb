import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createCustomer, getCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {runRobotNow} from '../../source/robot/direct-run.js';
import type {DesktopDriver} from '../../source/robot/driver.js';
import {NoDesktopDriver} from '../../source/robot/drivers.js';
import {DryRunDriver} from '../../source/robot/dry-run-driver.js';
import {robotFromText} from '../../source/robot/robot-file.js';
import type {StepRecord} from '../../source/robot/runner.js';
import {dbOf, tempDatabase} from '../support/temp-db.js';

function robot(steps: string, vars = ''): ReturnType<typeof robotFromText> {
	return robotFromText(`name: test-robot\n${vars}steps:\n${steps}`, 'test-robot.yaml');
}

async function run<Driver extends DesktopDriver = DryRunDriver>(text: ReturnType<typeof robotFromText>, options: {customerId?: number; driver?: Driver} = {}) {
	const {db: handle, file} = tempDatabaseOnce;
	const db = dbOf(handle);
	const driver = (options.driver ?? new DryRunDriver()) as Driver;
	const records: StepRecord[] = [];
	const customer = options.customerId === undefined ? undefined : await getCustomer(db, options.customerId);
	const result = await runRobotNow({db, databasePath: file, robot: text, customer, driver, onStep: record => records.push(record)});
	return {result, records, driver};
}

let tempDatabaseOnce: Awaited<ReturnType<typeof tempDatabase>>;

describe('the runner with the dry-run driver', () => {
	it('fills customer fields and variables into what it types', async () => {
		tempDatabaseOnce = tempDatabase();
		const customer = await createCustomer(dbOf(tempDatabaseOnce.db), {name: 'Zoë 中文', email: 'zoe@example.com'});
		const {result, driver} = await run(robot([
			'  - type: "{{customer.name}} <{{ customer.email }}>"',
			'  - key: Control+S',
			'  - paste: "{{vars.greeting}}"',
			'  - drag: { from: { x: 1, y: 2 }, to: { x: 3, y: 4 }, duration: 1s }',
		].join('\n'), 'vars:\n  greeting: "Grüß dich"\n'), {customerId: customer.id});
		expect(result).toEqual({ok: true});
		expect(driver.actions).toEqual([
			{action: 'type', text: 'Zoë 中文 <zoe@example.com>'},
			{action: 'key', keys: ['LeftControl', 'S']},
			{action: 'paste', text: 'Grüß dich'},
			{action: 'drag', from: {x: 1, y: 2}, to: {x: 3, y: 4}, durationMs: 1000},
		]);
	});

	it('copies the clipboard into a variable that later steps use and assert on', async () => {
		tempDatabaseOnce = await tempDatabase();
		const driver = new DryRunDriver();
		driver.clipboard = 'ORDER-42';
		const {result, driver: used} = await run(robot([
			'  - copy: { into: order }',
			'  - assert: { value: "{{vars.order}}", matches: "^ORDER-\\\\d+$" }',
			'  - type: "got {{vars.order}}"',
		].join('\n')), {driver});
		expect(result).toEqual({ok: true});
		expect(used.actions.at(-1)).toEqual({action: 'type', text: 'got ORDER-42'});
	});

	it('stops at a failing assert after its retries and says which step and line', async () => {
		tempDatabaseOnce = await tempDatabase();
		const {result, records} = await run(robot([
			'  - type: hello',
			'  - assert: { value: "a", equals: "b" }',
			'    retries: 1',
			'    retryDelay: 1ms',
			'  - type: never',
		].join('\n')));
		expect(result).toEqual({ok: false, step: 2, message: 'step 2 (assert, line 4): "a" does not equal "b"'});
		expect(records.map(record => [record.number, record.level])).toEqual([[1, 'info'], [2, 'warn'], [2, 'error']]);
		expect(records[0]!.message).toBe('would type "hello"');
	});

	it('fails a step that runs past its timeout', async () => {
		tempDatabaseOnce = await tempDatabase();
		// A real wait: the dry-run driver does not wait (next test).
		const {result} = await run(robot('  - wait: 2s\n    timeout: 50ms\n'), {driver: new NoDesktopDriver()});
		expect(result).toMatchObject({ok: false, step: 1, message: expect.stringContaining('timed out after 50ms')});
	});

	it('does not wait on a dry run: it says what it would wait, at once', async () => {
		tempDatabaseOnce = await tempDatabase();
		// Waited for real, this would outlast the test's own timeout by far.
		const {result, records} = await run(robot('  - wait: 1h\n  - wait: 30m\n'));
		expect(result).toMatchObject({ok: true});
		expect(records.map(record => record.message)).toEqual(['would wait 60m0s (dry run: not waited)', 'would wait 30m0s (dry run: not waited)']);
	});

	it('logs and updates through the CRM with the robot as the actor', async () => {
		tempDatabaseOnce = tempDatabase();
		const db = dbOf(tempDatabaseOnce.db);
		const customer = await createCustomer(db, {name: 'Ada', email: 'ada@example.com'});
		const {result, records} = await run(robotFromText(fs.readFileSync('fixtures/robots/mark-active.yaml', 'utf8'), 'mark-active.yaml'), {customerId: customer.id, driver: new NoDesktopDriver()});
		expect(result).toEqual({ok: true});
		expect(records[0]!.message).toBe(`set status lead → active on customer #${customer.id}`);
		expect(await getCustomer(db, customer.id)).toMatchObject({status: 'active', version: 2});
		// The log step saw the customer as the update left it.
		expect(await listInteractions(db, customer.id)).toEqual([expect.objectContaining({
			kind: 'note', subject: 'Follow up with Ada', body: 'Status is now active', actor: 'mark-active', job_id: null,
		})]);
	});

	it('fails an update the CRM rejects, changing nothing', async () => {
		tempDatabaseOnce = tempDatabase();
		const db = dbOf(tempDatabaseOnce.db);
		const customer = await createCustomer(db, {name: 'Ada'});
		const {result} = await run(robot('  - update: { email: "not an address" }\n'), {customerId: customer.id, driver: new NoDesktopDriver()});
		expect(result).toMatchObject({ok: false, message: expect.stringContaining('email: is not a valid email address')});
		expect(await getCustomer(db, customer.id)).toMatchObject({email: '', version: 1});
		// A dry run refuses it the same way.
		const dry = await run(robot('  - update: { email: "not an address" }\n'), {customerId: customer.id});
		expect(dry.result).toMatchObject({ok: false, message: expect.stringContaining('email: is not a valid email address')});
	});

	it('on the dry-run driver says what it would log and set, and writes nothing', async () => {
		tempDatabaseOnce = tempDatabase();
		const db = dbOf(tempDatabaseOnce.db);
		const customer = await createCustomer(db, {name: 'Ada', email: 'ada@example.com'});
		const {result, records} = await run(robotFromText(fs.readFileSync('fixtures/robots/mark-active.yaml', 'utf8'), 'mark-active.yaml'), {customerId: customer.id});
		expect(result).toEqual({ok: true});
		expect(records.map(record => record.message)).toEqual([
			`would set status lead → active on customer #${customer.id} (dry run: nothing written)`,
			`would log "Follow up with Ada" on customer #${customer.id} (dry run: nothing written)`,
		]);
		expect(await getCustomer(db, customer.id)).toMatchObject({status: 'lead', version: 1});
		expect(await listInteractions(db, customer.id)).toEqual([]);
	});

	it('waits retryDelay before a retry, twice as long before the next', async () => {
		tempDatabaseOnce = await tempDatabase();
		const started = Date.now();
		const {result, records} = await run(robot('  - assert: { value: "a", equals: "b" }\n    retries: 2\n    retryDelay: 40ms\n'));
		expect(result).toMatchObject({ok: false});
		expect(records.map(record => record.message)).toEqual([
			'try 1 of 3 failed: "a" does not equal "b"; next try in 40ms',
			'try 2 of 3 failed: "a" does not equal "b"; next try in 80ms',
			'"a" does not equal "b"',
		]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(120);
	});

	it('stops a catastrophic pattern at the step timeout, and the process keeps answering meanwhile', async () => {
		tempDatabaseOnce = await tempDatabase();
		let ticks = 0;
		const ticker = setInterval(() => ticks++, 20);
		try {
			const {result} = await run(robot(`  - assert: { value: "${'a'.repeat(40)}!", matches: "^(a+)+$" }\n    timeout: 300ms\n`));
			expect(result).toMatchObject({ok: false, message: expect.stringContaining('timed out after 300ms')});
			expect(ticks).toBeGreaterThan(5);
		} finally {
			clearInterval(ticker);
		}
	});

	it('refuses to start a robot that needs a customer without one', async () => {
		tempDatabaseOnce = await tempDatabase();
		await expect(run(robot('  - type: "{{customer.name}}"\n'))).rejects.toThrow('pass --customer ID');
	});
});

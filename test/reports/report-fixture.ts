import path from 'node:path';
import {sql} from 'kysely';
import type {Db} from '../../source/store/store.js';
import {createCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {importOrders} from '../../source/orders/order-import.js';

export const reportOrdersCsv = path.resolve('fixtures/report-orders.csv');

/**
 * The small world the report tests check by hand (see fixtures/report-orders.csv):
 * four customers created across a UTC month boundary, orders in EUR, USD and GBP in every
 * status (a refunded one, times just before and after midnight UTC in other zones), an
 * empty March, and robot jobs with known run times.
 */
export async function seedReportFixture(db: Db): Promise<Record<'ada' | 'bo' | 'cy' | 'di', number>> {
	const at = (time: string) => ({clock: () => time});
	const ada = (await createCustomer(db, {name: 'Ada Lovelace', email: 'ada@example.com'}, at('2026-01-15T10:00:00.000Z'))).id;
	const bo = (await createCustomer(db, {name: 'Bo Diddley', email: 'bo@example.com'}, at('2026-01-31T23:59:59.999Z'))).id;
	const cy = (await createCustomer(db, {name: 'Cy Twombly', email: 'cy@example.com'}, at('2026-02-01T00:00:00.000Z'))).id;
	const di = (await createCustomer(db, {name: 'Di Fosse', email: 'di@example.com'}, at('2026-04-10T08:00:00.000Z'))).id;
	const result = await importOrders(db, reportOrdersCsv, {clock: () => '2026-05-01T00:00:00.000Z'});
	if (result.rejected.length > 0) throw new Error(`fixture rejected: ${JSON.stringify(result.rejected)}`);
	await addInteraction(db, ada, {kind: 'call', subject: 'intro', at: '2026-01-10T09:00:00.000Z'});
	await addInteraction(db, ada, {kind: 'email', subject: 'offer', at: '2026-02-01T00:00:00.000Z'});
	await addInteraction(db, bo, {kind: 'note', subject: 'too early', at: '2025-12-31T23:59:59.999Z'});
	await addInteraction(db, cy, {kind: 'call', subject: 'last minute', at: '2026-04-30T23:59:59.999Z'});
	await addJob(db, 'invoice', 'succeeded', '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:01.000Z');
	await addJob(db, 'invoice', 'succeeded', '2026-02-02T10:00:00.000Z', '2026-02-02T10:00:03.000Z');
	await addJob(db, 'invoice', 'failed', '2026-03-02T10:00:00.000Z', '2026-03-02T10:00:02.000Z');
	await addJob(db, 'welcome', 'succeeded', '2026-04-30T23:59:59.000Z', '2026-04-30T23:59:59.500Z');
	await addJob(db, 'welcome', 'succeeded', '2026-05-01T00:00:00.000Z', '2026-05-01T00:00:09.000Z');
	await addJob(db, 'welcome', 'queued', null, null);
	return {ada, bo, cy, di};
}

/**
 * A finished job with the times the report reads, written straight into the robot queue's
 * table. Columns the report does not read get a plain value of their type, so the fixture
 * keeps working while the queue's table gains columns.
 */
export async function addJob(db: Db, robot: string, status: string, started: string | null, finished: string | null): Promise<void> {
	const known: Record<string, unknown> = {
		robot, status, started_at: started, finished_at: finished, robot_file: 'robot.yaml', robot_text: '',
		created_at: '2026-01-01T00:00:00.000Z', updated_at: finished ?? '2026-01-01T00:00:00.000Z', run_after: '2026-01-01T00:00:00.000Z',
	};
	const columns = db.engine === 'sqlite'
		? (await sql<{name: string; type: string; required: number}>`SELECT name, type, ("notnull" AND dflt_value IS NULL AND NOT pk) AS required FROM pragma_table_info('jobs')`.execute(db.db)).rows
		: (await sql<{name: string; type: string; required: boolean}>`SELECT column_name AS name, data_type AS type,
				(is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO') AS required
			FROM information_schema.columns WHERE table_name = 'jobs' AND table_schema = current_schema()`.execute(db.db)).rows;
	for (const column of columns) {
		if (column.name in known || !column.required) continue;
		known[column.name] = /INT/i.test(column.type) ? 1 : '';
	}
	const names = Object.keys(known);
	await sql`INSERT INTO jobs (${sql.join(names.map(name => sql.id(name)))}) VALUES (${sql.join(names.map(name => known[name]))})`.execute(db.db);
}

import pg from 'pg';
import {describe, expect, it} from 'vitest';
import {createCustomer} from '../../source/customers/customers.js';
import {JobNotices} from '../../source/robot/job-notices.js';
import {engines, tempPostgresUrl, tempStore} from '../support/engines.js';

/** Ends the server side of this database's connections with this application name (only this test's: the server is shared), as a server restart or a network drop would. */
async function dropConnections(url: string, application: string): Promise<number> {
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	try {
		const {rows} = await admin.query<{ended: boolean}>('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [application]);
		return rows.length;
	} finally {
		await admin.end();
	}
}

const until = async (check: () => boolean, what: string) => {
	for (let waited = 0; !check(); waited += 25) {
		if (waited > 10_000) throw new Error(`never: ${what}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
};

describe.runIf(engines.includes('postgres'))('listening connections on PostgreSQL that lose their server', () => {
	it('the store says data may have changed once it listens again, and hears other connections after', async () => {
		const store = await tempStore('postgres');
		const heard: number[] = [];
		const stop = store.onChange(() => heard.push(Date.now()));
		await createCustomer(store, {name: 'Before'});
		await until(() => heard.length > 0, 'the first change was heard');
		const url = store.target.engine === 'postgres' ? store.target.url : '';
		expect(await dropConnections(url, 'opsdesk listener')).toBeGreaterThan(0);
		const afterDrop = heard.length;
		// Back within the reconnect delay, reporting a change: notices may have been missed meanwhile.
		await until(() => heard.length > afterDrop, 'a change reported after reconnecting');
		const afterReconnect = heard.length;
		const other = new pg.Client({connectionString: url});
		await other.connect();
		await other.query("INSERT INTO interactions (customer_id, kind, direction, subject, body, at, actor) SELECT id, 'note', 'out', 'from elsewhere', '', '2026-01-01T00:00:00.000Z', 'other' FROM customers LIMIT 1");
		await other.end();
		await until(() => heard.length > afterReconnect, "another connection's change heard on the new connection");
		stop();
	});

	it('an idle worker listening for jobs wakes again after its connection was dropped', async () => {
		const url = await tempPostgresUrl();
		const notices = new JobNotices(url);
		try {
			notices.consume();
			// Connecting ends with a wake-up (work announced before LISTEN is looked for).
			await notices.wait(5000, new AbortController().signal);
			notices.consume();
			expect(await dropConnections(url, 'opsdesk worker (listening)')).toBe(1);
			const started = Date.now();
			// Reconnected, it wakes the worker: what was announced meanwhile is looked for.
			await notices.wait(8000, new AbortController().signal);
			expect(Date.now() - started).toBeLessThan(8000);
		} finally {
			await notices.close();
		}
	});
});

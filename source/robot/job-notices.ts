import pg from 'pg';

/** The channel the queue announces work on (see queue-postgres.ts). */
export const jobChannel = 'opsdesk_jobs';

/** After losing its connection, the listener tries again this often; meanwhile workers poll. */
const reconnectMs = 1000;

/**
 * One LISTEN connection per worker process (outside the pool: a pooled connection would lose
 * its LISTEN when returned). An announcement heard while the worker was busy is kept until
 * its next lease, so a worker never sleeps through work announced during its last attempt.
 * Connection trouble is not an error here: the worker's safety poll finds the work anyway.
 */
export class JobNotices {
	private client?: pg.Client;
	private connecting?: Promise<void>;
	private retry?: NodeJS.Timeout;
	private closed = false;
	/** Work was announced (or notices may have been missed) since the last lease. */
	private heard = false;
	private readonly waiters = new Set<() => void>();

	constructor(private readonly url: string) {}

	consume(): void {
		this.heard = false;
		// Listen from the first lease on: work announced after it is heard.
		if (!this.client && !this.connecting && !this.retry) this.connecting = this.connect();
	}

	async wait(ms: number, signal: AbortSignal): Promise<void> {
		// Not awaited: connecting ends with a wake-up anyway, and a server that does not answer
		// must not hold the worker longer than its poll.
		if (!this.client && !this.connecting && !this.retry) this.connecting = this.connect();
		if (this.heard || signal.aborted) return;
		await new Promise<void>(resolve => {
			const done = () => {
				clearTimeout(timer);
				signal.removeEventListener('abort', done);
				this.waiters.delete(done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			signal.addEventListener('abort', done, {once: true});
			this.waiters.add(done);
		});
	}

	private wake(): void {
		this.heard = true;
		for (const waiter of [...this.waiters]) waiter();
	}

	private async connect(): Promise<void> {
		const client = new pg.Client({connectionString: this.url, application_name: 'opsdesk worker (listening)', connectionTimeoutMillis: 10_000});
		client.on('error', () => this.lost(client));
		client.on('end', () => this.lost(client));
		client.on('notification', notice => {
			if (notice.channel === jobChannel) this.wake();
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${jobChannel}`);
			if (this.closed) {
				await client.end();
				return;
			}
			this.client = client;
			// Announcements made before LISTEN took effect were not heard: look once more.
			this.wake();
		} catch {
			this.lost(client);
		} finally {
			this.connecting = undefined;
		}
	}

	private lost(client: pg.Client): void {
		if (this.client === client) this.client = undefined;
		client.removeAllListeners('end');
		void client.end().catch(() => {});
		if (this.closed || this.retry) return;
		this.retry = setTimeout(() => {
			this.retry = undefined;
			this.connecting = this.connect();
		}, reconnectMs);
		this.retry.unref();
	}

	async close(): Promise<void> {
		this.closed = true;
		if (this.retry) clearTimeout(this.retry);
		await this.connecting;
		const client = this.client;
		this.client = undefined;
		if (client) {
			client.removeAllListeners('end');
			await client.end().catch(() => {});
		}
		for (const waiter of [...this.waiters]) waiter();
	}
}

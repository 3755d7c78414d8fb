import {ListenConnection} from '../store/postgres/listen.js';

/** The channel the queue announces work on (see queue-postgres.ts). */
export const jobChannel = 'opsdesk_jobs';

/**
 * What an idle worker listens to: one LISTEN connection per worker process
 * (source/store/postgres/listen.ts), opened at its first lease. An announcement heard while
 * the worker was busy is kept until its next lease, so a worker never sleeps through work
 * announced during its last attempt. Connection trouble is not an error here: the worker's
 * safety poll finds the work anyway.
 */
export class JobNotices {
	private readonly connection: ListenConnection;
	/** Work was announced (or notices may have been missed) since the last lease. */
	private heard = false;
	private readonly waiters = new Set<() => void>();

	constructor(url: string) {
		this.connection = new ListenConnection({connectionString: url, application_name: 'opsdesk worker (listening)', connectionTimeoutMillis: 10_000}, jobChannel, {
			notice: () => this.wake(),
			// Announcements made before LISTEN took effect were not heard: look once more.
			listening: () => this.wake(),
		});
	}

	consume(): void {
		this.heard = false;
		// Listen from the first lease on: work announced after it is heard.
		this.connection.start();
	}

	async wait(ms: number, signal: AbortSignal): Promise<void> {
		// Not awaited: connecting ends with a wake-up anyway, and a server that does not answer
		// must not hold the worker longer than its poll.
		this.connection.start();
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

	async close(): Promise<void> {
		await this.connection.close();
		for (const waiter of [...this.waiters]) waiter();
	}
}

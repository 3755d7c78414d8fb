import pg from 'pg';

/** After losing its connection, a listener tries again this often. */
const reconnectMs = 1000;

export type ListenHandlers = {
	/** A NOTIFY on the channel, with its payload ('' when none). */
	notice: (payload: string) => void;
	/** LISTEN took effect; `again` after a lost connection, when notices may have been missed meanwhile. */
	listening: (again: boolean) => void;
};

/**
 * One dedicated connection that LISTENs on a channel (outside any pool: a pooled connection
 * would lose its LISTEN when returned). It reconnects after a server restart or a network
 * drop; trouble is never an error here, since every caller also has a slower way to find
 * out (a worker's safety poll, the desk's next read). Used by the desk's change notices
 * (changes.ts) and by idle workers (source/robot/job-notices.ts).
 */
export class ListenConnection {
	private client?: pg.Client;
	private connecting?: Promise<void>;
	private retry?: NodeJS.Timeout;
	private closed = false;
	private connectedBefore = false;

	constructor(private readonly config: pg.ClientConfig, private readonly channel: string, private readonly handlers: ListenHandlers) {}

	/** Starts listening unless it is already, or is on its way (connecting, or waiting to retry). */
	start(): void {
		if (!this.client && !this.connecting && !this.retry && !this.closed) this.connecting = this.connect();
	}

	private async connect(): Promise<void> {
		const client = new pg.Client(this.config);
		client.on('error', () => this.lost(client));
		client.on('end', () => this.lost(client));
		client.on('notification', notice => {
			if (notice.channel === this.channel) this.handlers.notice(notice.payload ?? '');
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${this.channel}`);
			// Closed while connecting: this connection must not outlive the close.
			if (this.closed) {
				client.removeAllListeners('end');
				await client.end();
				return;
			}
			this.client = client;
			const again = this.connectedBefore;
			this.connectedBefore = true;
			this.handlers.listening(again);
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
		// A connection that never listened counts as one before: what it missed is unknown.
		this.connectedBefore = true;
		this.retry = setTimeout(() => {
			this.retry = undefined;
			this.start();
		}, reconnectMs);
		this.retry.unref();
	}

	async close(): Promise<void> {
		this.closed = true;
		if (this.retry) clearTimeout(this.retry);
		this.retry = undefined;
		await this.connecting;
		const client = this.client;
		this.client = undefined;
		if (client) {
			client.removeAllListeners('end');
			await client.end().catch(() => {});
		}
	}
}

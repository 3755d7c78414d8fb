import pg from 'pg';

/**
 * Change notification on PostgreSQL: every table gets a statement-level trigger that sends
 * `NOTIFY opsdesk_changes, '<table>'`, delivered to listeners when the writing transaction
 * commits, from any host. The desk and idle workers LISTEN instead of polling, so another
 * host's change shows within a second. (SQLite polls `PRAGMA data_version`: sqlite/changes.ts.)
 */
export const changeChannel = 'opsdesk_changes';

/** Installs the notifying trigger on every opsdesk table that lacks it; part of each migration run. */
export async function installChangeNotices(client: pg.ClientBase): Promise<void> {
	await client.query(`
		CREATE OR REPLACE FUNCTION opsdesk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pg_notify('${changeChannel}', TG_TABLE_NAME);
			RETURN NULL;
		END $$;
		DO $$
		DECLARE
			name text;
		BEGIN
			FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'opsdesk_schema' LOOP
				EXECUTE format('CREATE OR REPLACE TRIGGER opsdesk_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
					FOR EACH STATEMENT EXECUTE FUNCTION opsdesk_notify_change()', name);
			END LOOP;
		END $$;
	`);
}

export type ChangeListener = (table: string) => void;

/**
 * One dedicated connection that LISTENs; it reconnects after a server restart (and reports a
 * change then, since notices may have been missed while it was away).
 */
export class PostgresChanges {
	private client?: pg.Client;
	private readonly listeners = new Set<ChangeListener>();
	private closed = false;
	private retry?: NodeJS.Timeout;

	constructor(private readonly config: pg.ClientConfig) {}

	subscribe(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		if (!this.client && !this.retry) void this.connect();
		return () => {
			this.listeners.delete(listener);
		};
	}

	private emit(table: string): void {
		for (const listener of this.listeners) listener(table);
	}

	private async connect(): Promise<void> {
		if (this.closed) return;
		const client = new pg.Client(this.config);
		client.on('error', () => this.reconnect(client));
		client.on('end', () => this.reconnect(client));
		client.on('notification', notice => {
			if (notice.channel === changeChannel) this.emit(notice.payload ?? '');
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${changeChannel}`);
			this.client = client;
		} catch {
			this.reconnect(client);
		}
	}

	private reconnect(client: pg.Client): void {
		if (this.client === client) this.client = undefined;
		client.removeAllListeners('end');
		void client.end().catch(() => {});
		if (this.closed || this.retry) return;
		this.retry = setTimeout(() => {
			this.retry = undefined;
			void this.connect().then(() => {
				if (this.client) this.emit('');
			});
		}, 1000);
		this.retry.unref();
	}

	async close(): Promise<void> {
		this.closed = true;
		if (this.retry) clearTimeout(this.retry);
		const client = this.client;
		this.client = undefined;
		if (client) {
			client.removeAllListeners('end');
			await client.end().catch(() => {});
		}
	}
}

import type pg from 'pg';
import {ListenConnection} from './listen.js';

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
 * The desk's (and every store's) listener for changes: one LISTEN connection (listen.ts),
 * opened with the first subscriber. Each time LISTEN takes effect it reports a change: the
 * first time, a write may have committed between the subscriber's read and LISTEN (a slow
 * connect under load took seconds); after a reconnect, notices may have been missed meanwhile.
 */
export class PostgresChanges {
	private readonly listeners = new Set<ChangeListener>();
	private readonly connection: ListenConnection;

	constructor(config: pg.ClientConfig) {
		this.connection = new ListenConnection(config, changeChannel, {
			notice: table => this.emit(table),
			listening: () => this.emit(''),
		});
	}

	subscribe(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		this.connection.start();
		return () => {
			this.listeners.delete(listener);
		};
	}

	private emit(table: string): void {
		for (const listener of this.listeners) listener(table);
	}

	close(): Promise<void> {
		return this.connection.close();
	}
}

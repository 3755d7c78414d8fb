import {createContext, useContext} from 'react';
import type {Db} from '../store/store.js';
import type {DataChanges} from '../hooks/data-changes.js';
import type {FirstPage} from '../hooks/use-customer-list.js';

export type StatusTone = 'info' | 'success' | 'error';

/** What every screen may use: the database, the status line and the change signal. */
export type Desk = {
	/** The store, on SQLite or PostgreSQL: screens read it through useQuery and write through the async data functions. */
	db: Db;
	/**
	 * Where files that belong beside the database go (robots/, exports/): the SQLite file, or
	 * on PostgreSQL the default database path on this machine.
	 */
	databasePath: string;
	/** False under NO_COLOR: screens then mark things with inverse and bold only. */
	color: boolean;
	/** Shows one line in the status line; info and success fade after a few seconds. */
	notify: (text: string, tone?: StatusTone) => void;
	/**
	 * For a caught error: a UserError (validation, not found, conflict) and the database's own
	 * troubles (locked, read-only, full, unreachable: exit 5 on the command line) go to the
	 * status line; anything else is a bug and ends the desk through the crash path.
	 */
	report: (error: unknown) => void;
	/** Call after this desk wrote something, so every visible screen reads again. */
	changed: () => void;
	/** When the data may have changed (here, another process, another host): useQuery reads again. */
	changes: DataChanges;
	/** How long after the last key figures that cost more than a frame (counts) are read. */
	deferMs: number;
	/** The customers list's first page, read while the desk was starting, so its first frame has rows. */
	firstPage?: FirstPage;
};

const DeskContext = createContext<Desk | undefined>(undefined);

export const DeskProvider = DeskContext.Provider;

export function useDesk(): Desk {
	const desk = useContext(DeskContext);
	if (!desk) throw new Error('useDesk outside <DeskProvider>');
	return desk;
}

import {createContext, useContext} from 'react';
import type {Database} from 'better-sqlite3';

export type StatusTone = 'info' | 'success' | 'error';

/** What every screen may use: the database, the status line and the change signal. */
export type Desk = {
	db: Database;
	databasePath: string;
	/** False under NO_COLOR: screens then mark things with inverse and bold only. */
	color: boolean;
	/** Shows one line in the status line; info and success fade after a few seconds. */
	notify: (text: string, tone?: StatusTone) => void;
	/**
	 * For a caught error: a UserError (validation, not found, conflict) goes to the status
	 * line; anything else is a bug and ends the desk through the crash path.
	 */
	report: (error: unknown) => void;
	/** Call after this desk wrote something, so every visible screen reloads. */
	changed: () => void;
	/** How long after the last key figures that cost more than a frame (counts) are read. */
	deferMs: number;
};

const DeskContext = createContext<Desk | undefined>(undefined);
/** Bumps whenever the data may have changed: a write here or a commit by another process. */
const DataVersionContext = createContext(0);

export const DeskProvider = DeskContext.Provider;
export const DataVersionProvider = DataVersionContext.Provider;

export function useDesk(): Desk {
	const desk = useContext(DeskContext);
	if (!desk) throw new Error('useDesk outside <DeskProvider>');
	return desk;
}

/** Use as an effect dependency to reload what a screen shows. */
export function useDataVersion(): number {
	return useContext(DataVersionContext);
}

import {useCallback, useEffect, useState} from 'react';
import type {Database} from 'better-sqlite3';

/**
 * A number that grows whenever the data may have changed. SQLite's `data_version` moves
 * when another connection (the CLI, a robot worker) commits; writes on this connection do
 * not move it, so the desk calls `changed()` after its own writes.
 */
export function useDataChange(db: Database, pollMs: number, onError: (error: unknown) => void): {version: number; changed: () => void} {
	const [version, setVersion] = useState(0);
	const changed = useCallback(() => setVersion(value => value + 1), []);
	useEffect(() => {
		if (pollMs <= 0) return;
		let last = db.pragma('data_version', {simple: true});
		const timer = setInterval(() => {
			try {
				const now = db.pragma('data_version', {simple: true});
				if (now !== last) {
					last = now;
					changed();
				}
			} catch (error) {
				onError(error);
			}
		}, pollMs);
		timer.unref();
		return () => clearInterval(timer);
	}, [db, pollMs, changed, onError]);
	return {version, changed};
}

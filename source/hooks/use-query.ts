import {createContext, useContext, useLayoutEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {Db} from '../store/store.js';
import {useDesk} from '../components/desk-context.js';
import {useKeyRegistry} from '../keys/use-key-layer.js';

/**
 * Whether the screen around a query is on screen. A hidden tab's queries do not read on
 * every change; they read once when the tab is shown again.
 */
export const ScreenShownContext = createContext(true);

export type QueryRead<Value> = {
	db: Db;
	/** The last result, of whatever key: a list moves on from the rows it shows. */
	previous: {key: string; value: Value} | undefined;
	/** Aborted once a newer key wins or the screen closes: long reads (counts) stop early. */
	signal: AbortSignal;
};

export type QueryOptions<Value> = {
	/** Read only this long after the key last changed (counts, after the keys stop); 0 reads at once. */
	delayMs?: number;
	/**
	 * Keys do not wait for it (counts). By default the key pump waits for a read before the
	 * next key, so a key always works on what the keys before it brought (source/keys/README.md).
	 */
	background?: boolean;
	/** Shown before the first read: the first page, read while the desk was starting. */
	initial?: {key: string; value: Value};
	/** False: nothing to read now; the last value stays. */
	enabled?: boolean;
};

export type QueryResult<Value> = {
	/** The newest value read; while a new key loads, the one before it (screens draw what they have). */
	value: Value | undefined;
	/** The key `value` was read for; undefined before the first read. */
	key: string | undefined;
	/** Whether `value` was read for the current key. */
	current: boolean;
};

type Run = {key: string; again: boolean; done: boolean; controller: AbortController; timer?: NodeJS.Timeout; stop: () => void};

/**
 * The one way screens read data. `key` names what to read (every input of `load`); when it
 * changes, `load` runs for it while the screen keeps showing the previous value, and a
 * newer key wins: an older read still running is aborted and its result dropped. The read
 * runs again when the data changes (this desk's writes, other processes' and hosts'
 * commits); changes that come while it runs make one more read after it, never an endless
 * restart. Reads are tracked by the key pump (unless `background`), and errors go to the
 * status line (or the crash path) through `desk.report`.
 */
export function useQuery<Value>(key: string, load: (read: QueryRead<Value>) => Promise<Value>, options: QueryOptions<Value> = {}): QueryResult<Value> {
	const desk = useDesk();
	const registry = useKeyRegistry();
	const shown = useContext(ScreenShownContext);
	const version = useSyncExternalStore(desk.changes.subscribe, desk.changes.getVersion);
	// A hidden screen keeps the version it last read at, and catches up once shown.
	const seenVersion = useRef(version);
	if (shown) seenVersion.current = version;
	const wanted = seenVersion.current;
	const {delayMs = 0, background = false, enabled = true} = options;
	const [result, setResult] = useState<{key?: string; value?: Value}>(() => options.initial ?? {});
	// What the next read starts from, set the moment a read lands (before React renders it),
	// and the data version it was read at (unknown for `initial`).
	const landed = useRef(result);
	const landedAt = useRef<number | undefined>(undefined);
	const wantedNow = useRef(wanted);
	wantedNow.current = wanted;
	const latest = useRef({load, desk});
	latest.current = {load, desk};
	const running = useRef<Run | undefined>(undefined);

	useLayoutEffect(() => () => running.current?.stop(), []);

	useLayoutEffect(() => {
		const active = running.current;
		// Nothing to read now: a read still waiting for its delay (a count for a list the keys
		// have since left) would only hold up the keys typed meanwhile.
		if (!enabled) {
			active?.stop();
			return;
		}
		// Back on a key whose value is on screen and the data has not changed since (Esc back to
		// the whole list after a search): that value is current, and reading it again would be a
		// count over a million rows for nothing.
		if (landed.current.key === key && landedAt.current === wanted) {
			active?.stop();
			return;
		}
		// The same key read again (a change came): once more after the read under way.
		if (active && active.key === key && !active.done) {
			active.again = true;
			return;
		}
		active?.stop();
		const controller = new AbortController();
		const finishBackground = background ? registry.startBackground() : () => {};
		const run: Run = {
			key,
			again: false,
			done: false,
			controller,
			stop() {
				run.done = true;
				controller.abort();
				clearTimeout(run.timer);
				finishBackground();
			},
		};
		running.current = run;
		const read = async () => {
			try {
				do {
					run.again = false;
					const version = wantedNow.current;
					const previous = landed.current.key === undefined ? undefined : {key: landed.current.key, value: landed.current.value as Value};
					const value = await latest.current.load({db: latest.current.desk.db, previous, signal: controller.signal});
					if (controller.signal.aborted) return;
					landed.current = {key, value};
					landedAt.current = version;
					setResult(landed.current);
				} while (run.again && !controller.signal.aborted);
			} catch (error) {
				if (!controller.signal.aborted) latest.current.desk.report(error);
			} finally {
				if (running.current === run) run.done = true;
				finishBackground();
			}
		};
		const start = () => {
			const reading = read();
			// read() reports its own errors: it never rejects.
			if (!background) void registry.track(reading);
		};
		// The delay is for keys still being typed (a search); a change to data already shown is read at once.
		const delay = landed.current.key === key ? 0 : delayMs;
		if (delay > 0) {
			run.timer = setTimeout(start, delay);
			run.timer.unref?.();
		} else {
			start();
		}
	}, [key, wanted, enabled, delayMs, background, registry]);

	return {value: result.value, key: result.key, current: result.key === key};
}

import {useEffect, useRef, useState} from 'react';
import {useKeyRegistry} from '../keys/use-key-layer.js';

/**
 * A figure that costs more than a frame (a count over a million rows), read `delayMs`
 * after `key` last changed and not before, and in steps: `start` gives a generator that
 * yields between slices of work, and each slice runs in a turn of its own, after any key
 * that arrived meanwhile. A burst pays for one count, not one per key, and typing never
 * waits for one. Until it is done, the result for an older key is kept, with that key, so
 * the caller can tell whether it is current.
 */
export function useDeferred<Result>(start: () => Generator<void, Result>, key: string, delayMs: number, onError: (error: unknown) => void): {key: string | undefined; value: Result | undefined} {
	const [result, setResult] = useState<{key: string | undefined; value: Result | undefined}>({key: undefined, value: undefined});
	const latest = useRef({start, onError});
	latest.current = {start, onError};
	const registry = useKeyRegistry();
	useEffect(() => {
		const done = registry.startBackground();
		let cancelled = false;
		let immediate: NodeJS.Immediate | undefined;
		let steps: Generator<void, Result> | undefined;
		const step = () => {
			if (cancelled) return;
			try {
				steps ??= latest.current.start();
				const next = steps.next();
				if (next.done) {
					setResult({key, value: next.value});
					done();
				} else {
					immediate = setImmediate(step);
				}
			} catch (error) {
				done();
				latest.current.onError(error);
			}
		};
		// No wait asked for (tests): the next turn, not the timer phase a millisecond later.
		const timer = delayMs > 0 ? setTimeout(step, delayMs) : undefined;
		timer?.unref?.();
		if (!timer) immediate = setImmediate(step);
		return () => {
			cancelled = true;
			clearTimeout(timer);
			if (immediate) clearImmediate(immediate);
			done();
		};
	}, [key, delayMs, registry]);
	return result;
}

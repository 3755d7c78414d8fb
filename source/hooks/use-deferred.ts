import {useEffect, useRef, useState} from 'react';

/**
 * A figure that costs more than a frame (a count over a million rows), read `delayMs` after
 * `key` last changed and not before: keys typed meanwhile are drawn first, and a burst
 * pays for one count, not one per key. Until then the result for an older key is kept,
 * with that key, so the caller can tell whether it is current.
 */
export function useDeferred<Result>(read: () => Result, key: string, delayMs: number, onError: (error: unknown) => void): {key: string | undefined; value: Result | undefined} {
	const [result, setResult] = useState<{key: string | undefined; value: Result | undefined}>({key: undefined, value: undefined});
	const latest = useRef({read, onError});
	latest.current = {read, onError};
	useEffect(() => {
		const timer = setTimeout(() => {
			try {
				setResult({key, value: latest.current.read()});
			} catch (error) {
				latest.current.onError(error);
			}
		}, delayMs);
		timer.unref?.();
		return () => clearTimeout(timer);
	}, [key, delayMs]);
	return result;
}

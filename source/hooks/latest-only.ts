/**
 * Runs loads so that only the newest request's result is applied: a slow answer to an
 * older search never overwrites the answer to a newer one. Each request takes a ticket;
 * a result is applied only if no request was made after it.
 */
export type LatestOnly<Result> = {
	/** Applies now (for keys, so the typed character and its results make one frame). */
	now: (load: () => Result) => void;
	/** Applies after pending input is handled (for background reloads); superseded by any newer request. */
	later: (load: () => Result | Promise<Result>) => Promise<void>;
	/** Drops whatever is in flight. */
	cancel: () => void;
};

export function latestOnly<Result>(apply: (result: Result) => void, onError: (error: unknown) => void): LatestOnly<Result> {
	let latest = 0;
	return {
		now(load) {
			const ticket = ++latest;
			try {
				const result = load();
				if (ticket === latest) apply(result);
			} catch (error) {
				onError(error);
			}
		},
		async later(load) {
			const ticket = ++latest;
			await new Promise(resolve => setImmediate(resolve));
			if (ticket !== latest) return;
			try {
				const result = await load();
				if (ticket === latest) apply(result);
			} catch (error) {
				if (ticket === latest) onError(error);
			}
		},
		cancel() {
			latest++;
		},
	};
}

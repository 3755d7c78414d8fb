/**
 * Clean-ups to run after the current test (close a store, drop a database, remove a folder),
 * newest first. The quick and postgres suites reuse a worker's modules from one test file to
 * the next (`--no-isolate` in package.json), so a support module cannot register its own
 * `afterEach` when it is first imported: that hook would only belong to the first file.
 * test/support/per-file.ts registers the one that runs these, for every file.
 */
const cleanups: Array<() => Promise<void> | void> = [];

export function afterTest(cleanup: () => Promise<void> | void): void {
	cleanups.push(cleanup);
}

/** Runs every clean-up registered since the last call, newest first; each runs even when one before it failed. */
export async function cleanUpAfterTest(): Promise<void> {
	const errors: unknown[] = [];
	for (const cleanup of cleanups.splice(0).reverse()) {
		try {
			await cleanup();
		} catch (error) {
			errors.push(error);
		}
	}
	if (errors.length === 1) throw errors[0];
	if (errors.length > 1) throw new AggregateError(errors, `${errors.length} clean-ups failed`);
}

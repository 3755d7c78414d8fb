/**
 * Code the desk loads on demand (a screen first opened, a write's module) while keys wait:
 * the key pump treats a pending load like any work a key started, so the key after `e`
 * goes to the editor once it is there, not to the list behind it.
 */
const pending = new Set<Promise<unknown>>();

export function trackLoad<Result>(load: Promise<Result>): Promise<Result> {
	pending.add(load);
	const done = () => pending.delete(load);
	load.then(done, done);
	return load;
}

export function loadsPending(): boolean {
	return pending.size > 0;
}

export async function loadsSettled(): Promise<void> {
	while (pending.size > 0) await Promise.allSettled([...pending]);
}

/**
 * The desk's one signal that data may have changed: its own writes (`changed`) and the
 * store's notices of other processes' and hosts' commits (`follow`). useQuery reads again
 * when it moves; nothing else in the screens knows about it.
 */
export class DataChanges {
	private version = 0;
	private readonly listeners = new Set<() => void>();

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	getVersion = (): number => this.version;

	/** Something changed: every query on screen reads again (at once, so the next key sees it). */
	changed = (): void => {
		this.version++;
		for (const listener of this.listeners) listener();
	};

	/**
	 * Follows a store's change notices (SQLite's data_version polling, PostgreSQL's NOTIFY).
	 * The first notice after a quiet spell counts at once; a stream of them (a worker writing
	 * a thousand log lines a second on PostgreSQL, one NOTIFY each) counts at most once every
	 * `intervalMs`, the last one always. Returns the call that stops following.
	 */
	follow(store: {onChange: (listener: () => void) => () => void}, intervalMs = 100): () => void {
		let last = Number.NEGATIVE_INFINITY;
		let timer: NodeJS.Timeout | undefined;
		const fire = () => {
			timer = undefined;
			last = performance.now();
			this.changed();
		};
		const stop = store.onChange(() => {
			if (timer) return;
			const wait = last + intervalMs - performance.now();
			if (wait <= 0) fire();
			else {
				timer = setTimeout(fire, wait);
				timer.unref();
			}
		});
		return () => {
			stop();
			if (timer) clearTimeout(timer);
		};
	}
}

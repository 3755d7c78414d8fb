import type {Database as SqliteHandle} from 'better-sqlite3';

/**
 * Change notification on SQLite: `PRAGMA data_version` moves when another connection (the
 * CLI, a worker) commits to the file. Polled while anyone listens; a poll is a few
 * microseconds. Writes made through this store notify at once (see store.ts).
 */
export class SqliteChanges {
	private readonly listeners = new Set<() => void>();
	private timer?: NodeJS.Timeout;
	private last = 0;

	constructor(private readonly handle: SqliteHandle, private readonly pollMs: number) {}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		if (!this.timer && this.pollMs > 0) {
			this.last = this.version();
			this.timer = setInterval(() => this.poll(), this.pollMs);
			this.timer.unref();
		}
		return () => {
			this.listeners.delete(listener);
			if (this.listeners.size === 0 && this.timer) {
				clearInterval(this.timer);
				this.timer = undefined;
			}
		};
	}

	emit(): void {
		for (const listener of this.listeners) listener();
	}

	private version(): number {
		return this.handle.open ? (this.handle.pragma('data_version', {simple: true}) as number) : this.last;
	}

	private poll(): void {
		const now = this.version();
		if (now === this.last) return;
		this.last = now;
		this.emit();
	}

	close(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}
}

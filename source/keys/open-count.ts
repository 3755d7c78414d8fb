/**
 * How many of something are open (background reads, views still loading, forms with changes
 * not saved), each closed once by the call `open` returns, however often it is called.
 */
export class OpenCount {
	private count = 0;
	private waiters: Array<() => void> = [];

	open(): () => void {
		this.count++;
		let closed = false;
		return () => {
			if (closed) return;
			closed = true;
			this.count--;
			if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
		};
	}

	get any(): boolean {
		return this.count > 0;
	}

	/** Resolves once none is open. */
	whenNone(): Promise<void> {
		if (this.count === 0) return Promise.resolve();
		return new Promise(resolve => this.waiters.push(resolve));
	}
}

import {loadsPending, loadsSettled} from './loads.js';

/**
 * What keys wait for. The key pump hands the next key over only once the desk settled:
 * renders done (`renders` stops growing), reads a key started finished (`track`), code
 * being loaded arrived (loads.ts), no view still showing a stand-in (`hold`). Tests and
 * benches wait for the pump (`whenIdle`) and for work no key waits for but the screen
 * will show, such as counts (`startBackground`, `whenQuiet`).
 */
export class KeyActivity {
	private readonly work = new Set<Promise<unknown>>();
	/** Grows with every render of a component that has keys: the key pump waits until it stops. */
	renders = 0;
	private pumping = false;
	private idleWaiters: Array<() => void> = [];

	/** The key pump says whether keys are being handled (or settling); tests and benches wait for it. */
	setPumping(pumping: boolean): void {
		this.pumping = pumping;
		if (!pumping) for (const resolve of this.idleWaiters.splice(0)) resolve();
	}

	/** Resolves once every key received so far has been handled and has settled. */
	whenIdle(): Promise<void> {
		if (!this.pumping) return Promise.resolve();
		return new Promise(resolve => this.idleWaiters.push(resolve));
	}

	private background = 0;
	private backgroundWaiters: Array<() => void> = [];

	/**
	 * Work no key waits for but the screen will show (a count read after the keys stop).
	 * Returns the call that says it is done. Tests wait for it with `whenQuiet`.
	 */
	startBackground(): () => void {
		this.background++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.background--;
			if (this.background === 0) for (const resolve of this.backgroundWaiters.splice(0)) resolve();
		};
	}

	/** Resolves once the keys are handled and the work they left in the background is done too. */
	async whenQuiet(): Promise<void> {
		for (;;) {
			await this.whenIdle();
			if (this.background === 0) return;
			await new Promise<void>(resolve => this.backgroundWaiters.push(resolve));
		}
	}

	/**
	 * Work a key started that the next key may depend on (a read the screen waits for):
	 * the key pump handles the next key of a burst only after it settled.
	 */
	track<Result>(promise: Promise<Result>): Promise<Result> {
		this.work.add(promise);
		const done = () => this.work.delete(promise);
		promise.then(done, done);
		return promise;
	}

	private holds = 0;
	private released: Array<() => void> = [];

	/**
	 * Keys wait while something on screen is not there yet (a view still loading: React shows
	 * a stand-in, and puts the view in its place a while after its code arrived). Returns the
	 * release.
	 */
	hold(): () => void {
		this.holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.holds--;
			if (this.holds === 0) for (const resolve of this.released.splice(0)) resolve();
		};
	}

	/** Resolves once no tracked work, no code being loaded and no hold is pending. */
	async settled(): Promise<void> {
		while (this.busy) {
			await Promise.allSettled([...this.work]);
			await loadsSettled();
			if (this.holds > 0) await new Promise<void>(resolve => this.released.push(resolve));
		}
	}

	get busy(): boolean {
		return this.work.size > 0 || loadsPending() || this.holds > 0;
	}

	/** No key being handled and nothing a key or a read waits for: what is on screen is complete. */
	get calm(): boolean {
		return !this.pumping && !this.busy;
	}

	/** Resolves once the desk is calm (frames held meanwhile are then drawn: frame-gate.ts). */
	async whenCalm(): Promise<void> {
		while (!this.calm) {
			await this.whenIdle();
			await this.settled();
		}
	}

}

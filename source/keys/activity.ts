import {loadsPending, loadsSettled} from './loads.js';
import {OpenCount} from './open-count.js';

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

	private readonly background = new OpenCount();

	/**
	 * Work no key waits for but the screen will show (a count read after the keys stop).
	 * Returns the call that says it is done. Tests wait for it with `whenQuiet`.
	 */
	startBackground(): () => void {
		return this.background.open();
	}

	/** Resolves once the keys are handled and the work they left in the background is done too. */
	async whenQuiet(): Promise<void> {
		for (;;) {
			await this.whenIdle();
			if (!this.background.any) return;
			await this.background.whenNone();
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

	private readonly holds = new OpenCount();

	/**
	 * Keys wait while something on screen is not there yet (a view still loading: React shows
	 * a stand-in, and puts the view in its place a while after its code arrived). Returns the
	 * release.
	 */
	hold(): () => void {
		return this.holds.open();
	}

	private readonly unsavedForms = new OpenCount();

	/**
	 * A form, on whatever tab, holds changes not saved yet (form-view.tsx). Returns the call
	 * that says they are gone, saved or dropped. The desk's q on its too-small screen, where
	 * the form cannot ask, does not quit then (app.tsx).
	 */
	markUnsaved(): () => void {
		return this.unsavedForms.open();
	}

	get unsaved(): boolean {
		return this.unsavedForms.any;
	}

	/** Resolves once no tracked work, no code being loaded and no hold is pending. */
	async settled(): Promise<void> {
		while (this.busy) {
			await Promise.allSettled([...this.work]);
			await loadsSettled();
			await this.holds.whenNone();
		}
	}

	get busy(): boolean {
		return this.work.size > 0 || loadsPending() || this.holds.any;
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

import type {KeyPress} from './key-decoder.js';
import type {KeyRegistry} from './registry.js';

export type KeyPumpOptions = {
	registry: KeyRegistry;
	/** Handles one key: dispatch, and whatever the desk does around it (clearing a message, reporting errors). */
	handle: (key: KeyPress) => void;
};

/**
 * Keys in order, whatever their timing. A key is handled against the state the keys
 * before it produced, as in vim or less: after each key the pump waits until the desk has
 * settled (its renders done, the reads that key started finished) before the next key of
 * a burst. A burst is then exactly the same keys typed one by one, and keys typed while
 * the desk starts wait in the queue instead of being lost.
 */
export class KeyPump {
	private readonly queue: KeyPress[] = [];
	private running = false;

	constructor(private readonly options: KeyPumpOptions) {}

	/** Adds keys in the order they were typed; the first is handled once the desk settled. */
	push(keys: readonly KeyPress[]): void {
		this.queue.push(...keys);
		if (!this.running && this.queue.length > 0) void this.run();
	}

	/** Keys waiting for the keys before them to settle. */
	get waiting(): number {
		return this.queue.length;
	}

	private async run(): Promise<void> {
		this.running = true;
		const {registry, handle} = this.options;
		registry.setPumping(true);
		try {
			// The first key too waits for what is under way (the first page read while the desk
			// starts, a save's refresh): a key typed then works on what it will see, not on an empty list.
			await this.settle();
			while (this.queue.length > 0) {
				const key = this.queue[0]!;
				// ESC + letter in one read: Alt+letter where something binds it, else Esc then the letter.
				if (key.split && !registry.binds(key.name)) {
					this.queue.splice(0, 1, ...key.split);
					continue;
				}
				this.queue.shift();
				handle(this.withTypedRun(key));
				// Also after the last key: one that arrives while this key's reads are still
				// running waits for them, as if it had come in the same burst.
				await this.settle();
			}
		} finally {
			this.running = false;
			registry.setPumping(false);
		}
	}

	/**
	 * Characters typed in a row into a text field go in together: a paste the terminal did
	 * not bracket, or a burst of typing, is one edit and one frame rather than one per
	 * character. Only characters no binding takes join the run (`?` in a form opens the help,
	 * so it ends one), and only when a text field takes the first: what they do then is what
	 * they do one by one, the same text with the cursor after it.
	 */
	private withTypedRun(key: KeyPress): KeyPress {
		const {registry} = this.options;
		const typed = (next: KeyPress | undefined): next is KeyPress & {text: string} =>
			next !== undefined && next.text !== undefined && next.name !== 'paste' && !next.split && !registry.binds(next.name);
		if (!typed(key) || !typed(this.queue[0]) || !registry.takesText()) return key;
		let text = key.text;
		while (typed(this.queue[0])) text += this.queue.shift()!.text;
		return {name: 'typed', text};
	}

	/**
	 * Waits until three turns of the event loop pass with no render and no tracked work.
	 * React renders a state change in a task it schedules from a microtask, so the first
	 * turn can end before that render has even started.
	 */
	private async settle(): Promise<void> {
		const {registry} = this.options;
		let quiet = 0;
		for (let round = 0; round < 500 && quiet < 3; round++) {
			if (registry.busy) {
				await registry.settled();
				quiet = 0;
				continue;
			}
			const renders = registry.renders;
			await new Promise(resolve => setImmediate(resolve));
			quiet = registry.renders === renders && !registry.busy ? quiet + 1 : 0;
		}
	}
}

import type {KeyPress} from './key-decoder.js';
import type {KeyRegistry} from './registry.js';

export type KeyPumpOptions = {
	registry: KeyRegistry;
	/** Runs one key's handling so that what it changed is on screen (rendered, layers registered) when it returns. */
	step: (handle: () => void) => void;
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

	/** Adds keys in the order they were typed; the first is handled at once when nothing is queued. */
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
		const {registry, step, handle} = this.options;
		try {
			while (this.queue.length > 0) {
				const key = this.queue[0]!;
				// ESC + letter in one read: Alt+letter where something binds it, else Esc then the letter.
				if (key.split && !registry.binds(key.name)) {
					this.queue.splice(0, 1, ...key.split);
					continue;
				}
				this.queue.shift();
				step(() => handle(key));
				// Also after the last key: one that arrives while this key's reads are still
				// running waits for them, as if it had come in the same burst.
				await this.settle();
			}
		} finally {
			this.running = false;
		}
	}

	/** Waits until a turn of the event loop passes with no render and no tracked work. */
	private async settle(): Promise<void> {
		const {registry} = this.options;
		for (let round = 0; round < 200; round++) {
			if (registry.busy) {
				await registry.settled();
				continue;
			}
			const renders = registry.renders;
			await new Promise(resolve => setImmediate(resolve));
			if (registry.renders === renders && !registry.busy) return;
		}
	}
}

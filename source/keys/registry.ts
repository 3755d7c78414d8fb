import type {KeyBinding, KeyHandler, KeyTable} from './bindings.js';

/** Whether the tab a layer belongs to is the one on screen. */
export type KeyScope = {active: boolean};

export type KeyLayer = {
	/** Heading in the help overlay: `Customers`, `Edit customer`, `Desk`. */
	title: string;
	priority: number;
	bindings: KeyTable;
	handlers: Partial<Record<string, KeyHandler | undefined | false>>;
	/** Keys not bound here stop here (text entry, dialogs), except `always` bindings below. */
	exclusive: boolean;
	scope: KeyScope;
};

export type ActiveLayer = {title: string; bindings: KeyBinding[]};

const everywhere: KeyScope = {active: true};

/**
 * The one place keys are resolved. Layers (the desk's global keys, a screen, a dialog)
 * register themselves; a key goes to the highest layer that binds it and has a handler.
 * The footer and the help overlay read `activeLayers()`, the same data input uses, so the
 * three never disagree.
 */
export class KeyRegistry {
	private readonly layers: KeyLayer[] = [];
	private readonly listeners = new Set<() => void>();
	private signature = '';
	private version = 0;

	add(layer: KeyLayer): () => void {
		this.layers.push(layer);
		this.changed();
		return () => {
			const index = this.layers.indexOf(layer);
			if (index >= 0) this.layers.splice(index, 1);
			this.changed();
		};
	}

	/** Call after handlers or scopes change; listeners hear of it only if what is shown changed. */
	changed(): void {
		const signature = this.ordered().map(layer => `${layer.title}:${layer.exclusive}:${enabled(layer).map(binding => binding.id).join(',')}`).join('|');
		if (signature === this.signature) return;
		this.signature = signature;
		this.version++;
		for (const listener of this.listeners) listener();
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getVersion = (): number => this.version;

	/** Runs the handler bound to `keyName`; false when no layer took the key. */
	dispatch(keyName: string): boolean {
		let blocked = false;
		for (const layer of this.ordered()) {
			for (const binding of layer.bindings) {
				if (blocked && !binding.always) continue;
				const handler = layer.handlers[binding.id];
				if (handler && binding.keys.includes(keyName)) {
					handler();
					return true;
				}
			}
			if (layer.exclusive) blocked = true;
		}
		return false;
	}

	/** Layers whose keys work now, top first, with only their working bindings. */
	activeLayers(): ActiveLayer[] {
		const result: ActiveLayer[] = [];
		let blocked = false;
		for (const layer of this.ordered()) {
			const bindings = enabled(layer).filter(binding => !blocked || binding.always);
			if (bindings.length > 0) result.push({title: layer.title, bindings});
			if (layer.exclusive) blocked = true;
		}
		return result;
	}

	private ordered(): KeyLayer[] {
		// Later registrations win ties: a view opened on top of another sees keys first.
		return this.layers
			.map((layer, index) => ({layer, index}))
			.filter(({layer}) => layer.scope.active)
			.sort((a, b) => b.layer.priority - a.layer.priority || b.index - a.index)
			.map(({layer}) => layer);
	}
}

function enabled(layer: KeyLayer): KeyBinding[] {
	return layer.bindings.filter(binding => Boolean(layer.handlers[binding.id]));
}

export {everywhere};

import type {KeyBinding, KeyHandler, KeyTable} from './bindings.js';
import type {KeyPress} from './key-decoder.js';
import {KeyActivity} from './activity.js';

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
	/**
	 * Takes what is typed and pasted (a key with text that no binding took): a text field.
	 * The topmost such layer not under an exclusive layer gets it.
	 */
	text?: (key: KeyPress) => void;
	scope: KeyScope;
};

export type ActiveLayer = {title: string; bindings: KeyBinding[]};

const everywhere: KeyScope = {active: true};

/**
 * The one place keys are resolved. Layers (the desk's global keys, a screen, a dialog, a
 * text field) register themselves; a key goes to the highest layer that binds it and has
 * a handler, and what no binding takes but types text goes to the focused text field.
 * The footer and the help overlay read `activeLayers()`, the same data input uses, so the
 * three never disagree.
 */
export class KeyRegistry extends KeyActivity {
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
		this.renders++;
		const signature = this.ordered().map(layer => `${layer.title}:${layer.exclusive}:${layer.text ? 't' : ''}:${enabled(layer).map(binding => binding.id).join(',')}`).join('|');
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

	/** Whether a key of this name would run a handler now. */
	binds(name: string): boolean {
		return this.find(name) !== undefined;
	}

	/** Whether typed text would go to a text field now (the topmost text layer not under an exclusive one). */
	takesText(): boolean {
		for (const layer of this.ordered()) {
			if (layer.text) return true;
			if (layer.exclusive) return false;
		}
		return false;
	}

	/** The title of the layer a key would go to now (`Desk`, `Customers`), or undefined. */
	layerFor(name: string): string | undefined {
		return this.find(name)?.layer.title;
	}

	/** Runs the handler bound to the key, or gives typed text to the focused field; false when nothing took it. */
	dispatch(key: KeyPress | string): boolean {
		const press: KeyPress = typeof key === 'string' ? {name: key} : key;
		const found = this.find(press.name);
		if (found) {
			found.handler(press);
			return true;
		}
		if (press.text === undefined) return false;
		for (const layer of this.ordered()) {
			if (layer.text) {
				layer.text(press);
				return true;
			}
			if (layer.exclusive) break;
		}
		return false;
	}

	/**
	 * Layers whose keys work now, top first, with only their working bindings, and of those
	 * only the keys that reach them: a key a higher layer takes (`?` types in a text field)
	 * is not shown as the desk's help key there.
	 */
	activeLayers(): ActiveLayer[] {
		const result: ActiveLayer[] = [];
		const taken = new Set<string>();
		let blocked = false;
		for (const layer of this.ordered()) {
			const bindings: KeyBinding[] = [];
			for (const binding of enabled(layer)) {
				if (blocked && !binding.always) continue;
				const keys = binding.keys.filter(key => !taken.has(key));
				if (keys.length > 0) bindings.push(keys.length === binding.keys.length ? binding : {...binding, keys});
			}
			for (const binding of bindings) for (const key of binding.keys) taken.add(key);
			if (bindings.length > 0) result.push({title: layer.title, bindings});
			if (layer.exclusive) blocked = true;
		}
		return result;
	}

	private find(name: string): {layer: KeyLayer; handler: KeyHandler} | undefined {
		let blocked = false;
		for (const layer of this.ordered()) {
			for (const binding of layer.bindings) {
				if (blocked && !binding.always) continue;
				const handler = layer.handlers[binding.id];
				if (handler && binding.keys.includes(name)) return {layer, handler};
			}
			if (layer.exclusive) blocked = true;
		}
		return undefined;
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

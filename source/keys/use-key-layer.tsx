import {createContext, useCallback, useContext, useLayoutEffect, useRef, useSyncExternalStore, type ReactNode} from 'react';
import {useInput} from 'ink';
import type {KeyHandlers, KeyTable} from './bindings.js';
import {keyNameOf} from './key-names.js';
import {everywhere, KeyRegistry, type ActiveLayer, type KeyLayer, type KeyScope} from './registry.js';

const RegistryContext = createContext<KeyRegistry | undefined>(undefined);
const ScopeContext = createContext<KeyScope>(everywhere);

/** Holds the desk's one key registry and feeds it every key press. */
export function KeyProvider({registry, onError, children}: {registry: KeyRegistry; onError: (error: unknown) => void; children: ReactNode}) {
	const errorHandler = useRef(onError);
	errorHandler.current = onError;
	// Stable, so Ink never re-subscribes it and no key is lost between renders.
	const handle = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
		try {
			const name = keyNameOf(input, key);
			// Keys pressed faster than they are read arrive together ("jjj"), like a paste:
			// one by one, they are what the user typed. Unbound text stays for a text field.
			if (!registry.dispatch(name) && !key.ctrl && !key.meta && [...input].length > 1) {
				for (const character of input) registry.dispatch(character);
			}
		} catch (error) {
			errorHandler.current(error);
		}
	}, [registry]);
	useInput(handle);
	return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export function useKeyRegistry(): KeyRegistry {
	const registry = useContext(RegistryContext);
	if (!registry) throw new Error('useKeyRegistry outside <KeyProvider>');
	return registry;
}

/**
 * Marks a subtree (one tab) as on screen or not: layers registered inside a hidden tab
 * stay registered but receive no keys and are not listed.
 */
export function KeyScopeProvider({active, children}: {active: boolean; children: ReactNode}) {
	const registry = useKeyRegistry();
	const scope = useRef<KeyScope>({active}).current;
	useLayoutEffect(() => {
		scope.active = active;
		registry.changed();
	}, [active, registry, scope]);
	return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

export type KeyLayerOptions = {
	/** From layerPriority; `view` by default. */
	priority?: number;
	/** Keys this layer does not bind go no further down (text fields, dialogs). */
	exclusive?: boolean;
};

/**
 * Registers a table of bindings with their handlers while the calling component is
 * mounted. Handlers may change on every render; pass undefined for a key that does
 * nothing right now and it leaves the footer.
 */
export function useKeyLayer<Table extends KeyTable>(title: string, bindings: Table, handlers: KeyHandlers<Table>, options: KeyLayerOptions = {}): void {
	const registry = useKeyRegistry();
	const scope = useContext(ScopeContext);
	const layer = useRef<KeyLayer | undefined>(undefined);
	layer.current ??= {title, bindings, handlers: {}, priority: options.priority ?? 20, exclusive: options.exclusive ?? false, scope};
	// Read at dispatch time, so a key always runs the latest closure.
	layer.current.handlers = handlers as KeyLayer['handlers'];
	layer.current.title = title;
	layer.current.exclusive = options.exclusive ?? false;
	useLayoutEffect(() => registry.add(layer.current!), [registry]);
	useLayoutEffect(() => registry.changed());
}

/** The layers whose keys work now (top first), re-read whenever they change. */
export function useActiveKeys(): ActiveLayer[] {
	const registry = useKeyRegistry();
	useSyncExternalStore(registry.subscribe, registry.getVersion);
	return registry.activeLayers();
}

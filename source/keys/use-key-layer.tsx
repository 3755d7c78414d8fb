import {createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type ReactNode} from 'react';
import {useStdin} from 'ink';
import type {KeyHandlers, KeyTable} from './bindings.js';
import {KeyDecoder, type KeyPress} from './key-decoder.js';
import {KeyPump} from './key-pump.js';
import {everywhere, KeyRegistry, type ActiveLayer, type KeyLayer, type KeyScope} from './registry.js';

const RegistryContext = createContext<KeyRegistry | undefined>(undefined);
const ScopeContext = createContext<KeyScope>(everywhere);

type ProviderProps = {
	registry: KeyRegistry;
	onError: (error: unknown) => void;
	/** Before each key: the desk clears its last message (a key is the next action). */
	beforeKey?: (key: KeyPress) => void;
	/** A key nothing took (a paste with no text field open). */
	onUnhandled?: (key: KeyPress) => void;
	children: ReactNode;
};

/**
 * Holds the desk's one key registry and feeds it every key, one at a time, through a
 * KeyPump. Ink reads the terminal (in raw mode) and cuts its input into pieces: escape
 * sequences, runs of text; KeyDecoder turns those into keys.
 */
export function KeyProvider({registry, onError, beforeKey, onUnhandled, children}: ProviderProps) {
	const {internal_eventEmitter: inkInput, setRawMode} = useStdin();
	const callbacks = useRef({onError, beforeKey, onUnhandled});
	callbacks.current = {onError, beforeKey, onUnhandled};

	const pump = useMemo(() => new KeyPump({
		registry,
		handle(key) {
			try {
				callbacks.current.beforeKey?.(key);
				if (!registry.dispatch(key)) callbacks.current.onUnhandled?.(key);
			} catch (error) {
				callbacks.current.onError(error);
			}
		},
	}), [registry]);

	// Listening before Ink reads anything, so keys typed before the first frame are kept.
	useLayoutEffect(() => {
		const decoder = new KeyDecoder();
		const receive = (piece: string) => pump.push(decoder.decode(piece));
		inkInput.on('input', receive);
		return () => {
			inkInput.off('input', receive);
		};
	}, [inkInput, pump]);
	useEffect(() => {
		setRawMode(true);
		return () => setRawMode(false);
	}, [setRawMode]);
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
	/** Takes typed characters and pastes no binding took: a text field's editor. */
	text?: (key: KeyPress) => void;
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
	layer.current.bindings = bindings;
	layer.current.exclusive = options.exclusive ?? false;
	layer.current.text = options.text;
	useLayoutEffect(() => registry.add(layer.current!), [registry]);
	useLayoutEffect(() => registry.changed());
}

/** The layers whose keys work now (top first), re-read whenever they change. */
export function useActiveKeys(): ActiveLayer[] {
	const registry = useKeyRegistry();
	useSyncExternalStore(registry.subscribe, registry.getVersion);
	return registry.activeLayers();
}

/** Marks a read the next key may depend on; the key pump waits for it (see KeyRegistry.track). */
export function useTrackedWork(): <Result>(promise: Promise<Result>) => Promise<Result> {
	const registry = useKeyRegistry();
	return useCallback(promise => registry.track(promise), [registry]);
}

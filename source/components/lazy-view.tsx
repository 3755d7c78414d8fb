import {lazy, Suspense, useLayoutEffect, type ComponentType} from 'react';
import {Text} from 'ink';
import {trackLoad} from '../keys/loads.js';
import {useKeyRegistry} from '../keys/use-key-layer.js';

/** Shown while a view loads; keys wait until the view is there (KeyRegistry.hold). */
function Loading() {
	const registry = useKeyRegistry();
	useLayoutEffect(() => registry.hold(), [registry]);
	return <Text dimColor>Loading…</Text>;
}

/**
 * A view whose code is loaded the first time it is opened, not before the desk's first
 * frame (the editor brings the validation library, the Robots tab the YAML reader, the
 * Reports tab its tables). Keys typed meanwhile wait for it (source/keys/loads.ts);
 * `preload` fetches it once the desk is idle, so opening it later is instant.
 */
export function lazyView<Props extends object>(load: () => Promise<ComponentType<Props>>): {View: ComponentType<Props>; preload: () => Promise<unknown>} {
	let loading: Promise<{default: ComponentType<Props>}> | undefined;
	const start = () => (loading ??= load().then(component => ({default: component})));
	// Keys wait only when the view is wanted now, not for a load started ahead (preload).
	const Lazy = lazy(() => trackLoad(start()));
	function View(props: Props) {
		return (
			<Suspense fallback={<Loading />}>
				<Lazy {...props} />
			</Suspense>
		);
	}
	return {View, preload: start};
}

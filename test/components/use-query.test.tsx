import {useSyncExternalStore} from 'react';
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {DeskProvider, type Desk} from '../../source/components/desk-context.js';
import {DataChanges} from '../../source/hooks/data-changes.js';
import {useQuery} from '../../source/hooks/use-query.js';
import {KeyProvider} from '../../source/keys/use-key-layer.js';
import {KeyRegistry} from '../../source/keys/registry.js';
import type {Db} from '../../source/store/store.js';
import {renderInk} from './ink-harness.js';

// What a screen asks for, changed from the test as keys would change it.
type Ask = {key: string; enabled: boolean};
function asking(first: Ask) {
	let current = first;
	const listeners = new Set<() => void>();
	return {
		set(next: Partial<Ask>) {
			current = {...current, ...next};
			for (const listener of listeners) listener();
		},
		subscribe: (listener: () => void) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		get: () => current,
	};
}

const delayMs = 40;
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function renderCount(first: Ask) {
	const ask = asking(first);
	const reads: string[] = [];
	const changes = new DataChanges();
	const desk = {db: {} as Db, databasePath: '', color: false, notify() {}, report(error: unknown) {
		throw error;
	}, changed: changes.changed, changes, deferMs: delayMs} satisfies Desk;
	function Count() {
		const {key, enabled} = useSyncExternalStore(ask.subscribe, ask.get);
		const count = useQuery(key, async () => {
			reads.push(key);
			return `${key}=${reads.length}`;
		}, {delayMs, background: true, enabled});
		return <Text>{count.current ? count.value : '…'}</Text>;
	}
	const screen = await renderInk(
		<DeskProvider value={desk}>
			<KeyProvider registry={new KeyRegistry()} onError={error => {
				throw error;
			}}>
				<Count />
			</KeyProvider>
		</DeskProvider>,
	);
	return {ask, reads, changes, screen};
}

describe('useQuery, reads after the keys stop (counts)', () => {
	it('drops a read still waiting for its delay once there is nothing to read', async () => {
		const {ask, reads} = await renderCount({key: 'before 970384', enabled: true});
		ask.set({enabled: false});
		await pause(delayMs * 3);
		// A count of the list the keys left would have held up the keys typed meanwhile.
		expect(reads).toEqual([]);
		ask.set({enabled: true});
		await pause(delayMs * 3);
		expect(reads).toEqual(['before 970384']);
	});

	it('reads nothing when the keys come back to a value on screen and the data did not change, and reads again after a change', async () => {
		const {ask, reads, changes, screen} = await renderCount({key: 'all', enabled: true});
		await screen.waitFor('all=1');
		ask.set({key: 'search k'});
		await screen.waitFor('…');
		ask.set({key: 'all'});
		// At once, with no read: Esc back to the whole list shows its count as it was.
		await screen.waitFor('all=1');
		await pause(delayMs * 3);
		expect(reads).toEqual(['all']);
		changes.changed();
		await screen.waitFor('all=2');
		expect(reads).toEqual(['all', 'all']);
	});
});

import {keySymbols} from '../key-symbols.js';
import {nutKeyNames, type NutKeyName} from '../keys.js';
import type {XConnection} from './connection.js';
import type {Keyboard} from './keyboard.js';

const keyPressMask = 0x1;
const keyPressEvent = 2;

/**
 * Presses every key name once into a window of our own and keeps the names whose press the
 * window received: what `robot check` may accept (scripts/probe-keys.ts writes the list).
 * Run it on a private display: it really presses each key.
 */
export async function probeKeys(x: XConnection, keyboard: Keyboard): Promise<NutKeyName[]> {
	const window = x.client.AllocID();
	x.client.CreateWindow(window, x.root, 0, 0, 50, 50, 0, 0, 0, 0, {eventMask: keyPressMask, overrideRedirect: 1});
	x.client.MapWindow(window);
	await x.sync();
	x.client.SetInputFocus(window, 2);
	await x.sync();
	let received = 0;
	const stop = x.listen(event => {
		if (event.rawData && (event.rawData[0]! & 0x7f) === keyPressEvent) received++;
	});
	const pressable: NutKeyName[] = [];
	try {
		for (const name of nutKeyNames) {
			const sym = keySymbols[name];
			if (sym === undefined) continue;
			const before = received;
			try {
				await keyboard.pressCombo([sym]);
				// The press comes back as an event after the round trip that sync made.
				await x.sync();
				await new Promise(resolve => setTimeout(resolve, 5));
			} catch {
				continue;
			}
			if (received > before) pressable.push(name);
		}
	} finally {
		stop();
		x.client.DestroyWindow(window);
		await x.sync().catch(() => {});
	}
	return pressable;
}

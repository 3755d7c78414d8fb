import {titlePattern} from '../x11.js';
import {eventMask, type XConnection} from './connection.js';

export type ClientWindow = {
	id: number;
	title: string;
	/** WM_CLASS's class part (`XTerm`, `Zenity`), for choosing a paste key. */
	windowClass: string;
	pid?: number;
	/** Iconified (minimized) by a window manager: restored before it is focused. */
	minimized: boolean;
};

const mapStateViewable = 2;

export const hex = (id: number) => `0x${id.toString(16)}`;

/**
 * The windows a user sees, oldest mapped first. Under an EWMH window manager its
 * `_NET_CLIENT_LIST` (in mapping order); otherwise a walk of the tree: top-level windows
 * holding WM_STATE (set by any ICCCM manager), or on a bare display the viewable children of
 * the root (in stacking order: the last is the newest on top).
 */
export async function clientWindows(x: XConnection): Promise<ClientWindow[]> {
	const listed = await x.numbers(x.root, '_NET_CLIENT_LIST');
	const ids = listed.length > 0 ? listed : await treeClients(x);
	const windows: ClientWindow[] = [];
	for (const id of ids) {
		// A window may close between listing and reading it: it is simply not there any more.
		const window = await describeWindow(x, id).catch(() => undefined);
		if (window) windows.push(window);
	}
	return windows;
}

async function treeClients(x: XConnection): Promise<number[]> {
	const top = (await x.call<{children: number[]}>(callback => x.client.QueryTree(x.root, callback))).children;
	const found: number[] = [];
	for (const id of top) {
		const attributes = await x.call<{mapState: number; overrideRedirect: number}>(callback => x.client.GetWindowAttributes(id, callback)).catch(() => undefined);
		if (!attributes || attributes.overrideRedirect) continue;
		if (await x.property(id, 'WM_STATE').catch(() => undefined)) {
			found.push(id);
			continue;
		}
		const inner = await framedClient(x, id);
		if (inner !== undefined) found.push(inner);
		else if (attributes.mapState === mapStateViewable && (await x.property(id, 'WM_NAME').catch(() => undefined))) found.push(id);
	}
	return found;
}

/** A reparenting manager without EWMH: the client with WM_STATE inside a frame. */
async function framedClient(x: XConnection, frame: number, depth = 0): Promise<number | undefined> {
	if (depth > 2) return undefined;
	const tree = await x.call<{children: number[]}>(callback => x.client.QueryTree(frame, callback)).catch(() => ({children: []}));
	for (const child of tree.children) {
		if (await x.property(child, 'WM_STATE').catch(() => undefined)) return child;
		const deeper = await framedClient(x, child, depth + 1);
		if (deeper !== undefined) return deeper;
	}
	return undefined;
}

export async function describeWindow(x: XConnection, id: number): Promise<ClientWindow> {
	const title = (await x.text(id, '_NET_WM_NAME')) ?? (await x.text(id, 'WM_NAME')) ?? '';
	const classes = (await x.text(id, 'WM_CLASS'))?.split('\0') ?? [];
	const [pid] = await x.numbers(id, '_NET_WM_PID');
	const states = await x.numbers(id, '_NET_WM_STATE');
	const hidden = await x.atom('_NET_WM_STATE_HIDDEN');
	const wmState = await x.numbers(id, 'WM_STATE');
	// WM_STATE 3 is IconicState (ICCCM 4.1.3.1).
	return {id, title: title.normalize('NFC'), windowClass: classes[1] ?? classes[0] ?? '', pid, minimized: states.includes(hidden) || wmState[0] === 3};
}

export type WindowMatch = {window: ClientWindow; note?: string};

/** The window whose title matches a glob; several: the most recently mapped, with a note saying so. */
export async function findWindow(x: XConnection, glob: string): Promise<WindowMatch | undefined> {
	const pattern = titlePattern(glob.normalize('NFC'));
	const matches = (await clientWindows(x)).filter(window => pattern.test(window.title));
	const window = matches.at(-1);
	if (!window) return undefined;
	if (matches.length === 1) return {window};
	const others = matches.slice(0, -1).map(other => `"${other.title}" (${hex(other.id)})`).join(', ');
	return {window, note: `${matches.length} windows match "${glob}": chose the most recently mapped, ${hex(window.id)}; also ${others}`};
}

/** Restores a minimized window, raises it and gives it the keyboard; resolves once the display says it has focus. */
export async function activateWindow(x: XConnection, window: ClientWindow, withinMs = 2000): Promise<void> {
	const managed = (await x.numbers(x.root, '_NET_SUPPORTING_WM_CHECK')).length > 0;
	if (window.minimized) x.client.MapWindow(window.id);
	if (managed) {
		// Source indication 2 (a pager): window managers honour it without focus-stealing checks.
		x.client.SendClientMessage(x.root, window.id, await x.atom('_NET_ACTIVE_WINDOW'), 32, [2, 0, 0, 0, 0]);
	} else {
		x.client.MapWindow(window.id);
		x.client.RaiseWindow(window.id);
	}
	await x.sync();
	const deadline = Date.now() + withinMs;
	for (;;) {
		if (!managed) {
			const attributes = await x.call<{mapState: number}>(callback => x.client.GetWindowAttributes(window.id, callback));
			// Focusing an unmapped window is an X BadMatch: only once it is viewable.
			if (attributes.mapState === mapStateViewable) {
				x.client.SetInputFocus(window.id, 2);
				await x.sync();
			}
		}
		if (await hasFocus(x, window.id)) return;
		if (Date.now() >= deadline) throw new Error(`window "${window.title}" (${hex(window.id)}) did not take the keyboard focus within ${withinMs}ms`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

/** Whether the keyboard focus is on the window or inside it (toolkits focus a child). */
export async function hasFocus(x: XConnection, window: number): Promise<boolean> {
	let focus = (await x.call<{focus: number}>(callback => x.client.GetInputFocus(callback))).focus;
	for (let depth = 0; focus > 1 && depth < 10; depth++) {
		if (focus === window) return true;
		const tree = await x.call<{parent: number}>(callback => x.client.QueryTree(focus, callback)).catch(() => undefined);
		if (!tree || tree.parent === 0) return false;
		focus = tree.parent;
	}
	return false;
}

/**
 * The window that has the keyboard now, as a client window (for its class and the log): from the
 * focus up through its parents to the first window with a WM_CLASS. A few round trips, not a
 * walk over every window, because a short `type` must stay fast.
 */
export async function focusedClient(x: XConnection): Promise<ClientWindow | undefined> {
	let window = (await x.call<{focus: number}>(callback => x.client.GetInputFocus(callback))).focus;
	for (let depth = 0; window > 1 && window !== x.root && depth < 10; depth++) {
		if (await x.property(window, 'WM_CLASS')) return describeWindow(x, window);
		const tree = await x.call<{parent: number}>(callback => x.client.QueryTree(window, callback));
		window = tree.parent;
	}
	return undefined;
}

/** Whether the window still exists and is one of the user's windows. */
export async function windowExists(x: XConnection, id: number): Promise<boolean> {
	const clients = await clientWindows(x);
	return clients.some(window => window.id === id);
}

/** Asks a window to close (WM_DELETE_WINDOW) and waits; if it is still there, disconnects its client (as xkill does). */
export async function closeWindow(x: XConnection, window: ClientWindow, politeMs: number): Promise<'asked' | 'forced'> {
	const protocols = await x.numbers(window.id, 'WM_PROTOCOLS');
	const deleteAtom = await x.atom('WM_DELETE_WINDOW');
	if (protocols.includes(deleteAtom)) {
		x.client.SendClientMessage(window.id, window.id, await x.atom('WM_PROTOCOLS'), 32, [deleteAtom, 0, 0, 0, 0], 0);
		await x.sync().catch(() => {});
		const deadline = Date.now() + politeMs;
		while (Date.now() < deadline) {
			if (!(await windowExists(x, window.id))) return 'asked';
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	}
	x.client.KillClient(window.id);
	await x.sync().catch(() => {});
	const deadline = Date.now() + 2000;
	while (Date.now() < deadline) {
		if (!(await windowExists(x, window.id))) return 'forced';
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	throw new Error(`window "${window.title}" (${hex(window.id)}) is still open after WM_DELETE_WINDOW and disconnecting its client`);
}

export {eventMask};

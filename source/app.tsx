import {memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useApp, type DOMElement} from 'ink';
import type {Store} from './store/store.js';
import {UserError} from './store/errors.js';
import {deskTabs, type DeskTab} from './app-tabs.js';
import {keyTable, layerPriority, type KeyBinding} from './keys/bindings.js';
import {KeyProvider, KeyScopeProvider, useActiveKeys, useKeyLayer, useKeyRegistry} from './keys/use-key-layer.js';
import {KeyRegistry, type ActiveLayer} from './keys/registry.js';
import type {KeyPress} from './keys/key-decoder.js';
import {DeskProvider, type Desk, type StatusTone} from './components/desk-context.js';
import {Header} from './components/header.js';
import {Footer} from './components/footer.js';
import {StatusLine, type Status} from './components/status-line.js';
import {HelpOverlay, helpLines, helpRows} from './components/help-overlay.js';
import {colorWanted} from './components/theme.js';
import {holdFrames} from './components/frame-gate.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useScroll} from './hooks/use-scroll.js';
import {DataChanges} from './hooks/data-changes.js';
import {ScreenShownContext} from './hooks/use-query.js';
import type {FirstPage} from './hooks/use-customer-list.js';
import {preloadScreens} from './screens/lazy-screens.js';
import {scrollKeys} from './keys/scroll-keys.js';

/*
 * The desk's shell: header (tabs, database), the current tab's screen, a status line
 * and a footer of the keys that work now. Screens plug in through source/app-tabs.tsx;
 * keys through the registry (source/keys/README.md); data through useQuery
 * (source/hooks/use-query.ts).
 *
 * Height: the root is one row shorter than the terminal. Ink clears and redraws the whole
 * terminal for any frame as tall as the terminal (ink#450); one row less keeps its
 * incremental, line-by-line updates.
 */

export const minimumSize = {columns: 80, rows: 24};
/** Header, status line and footer. */
const chromeRows = 3;
/** How long a message stays when no key is pressed; any key clears it sooner. */
const fadeMs = {info: 4000, success: 4000, error: 8000} as const;
/** How long a frame waits for the reads its key started (source/components/frame-gate.ts). */
export const frameHoldMs = 50;

/** The height of a tab's screen in a terminal this tall. */
export const screenRows = (terminalRows: number) => Math.max(1, terminalRows - 1 - chromeRows);

export type AppProps = {
	/** The store on either engine: an SQLite file or a PostgreSQL server. */
	store: Store;
	/** Where files beside the database go (robots/, exports/): the SQLite file, or on PostgreSQL the default path on this machine. */
	databasePath: string;
	/** What the header names: the file, or the server's URL without its password; `databasePath` unless given. */
	databaseShown?: string;
	tabs?: readonly DeskTab[];
	/** Follow other processes' and hosts' changes (store.onChange); tests that drive changes themselves turn it off. */
	followChanges?: boolean;
	color?: boolean;
	/** Milliseconds after the last key before counts are read (tests use 0). */
	deferMs?: number;
	/** The desk's key registry, for tests and benches that wait until keys are handled (`whenIdle`). */
	registry?: KeyRegistry;
	/** The customers list's first page, read while the desk started. */
	firstPage?: FirstPage;
	/** How long frames wait for a key's reads; 0 draws every change at once (frame-gate.ts). */
	holdFramesMs?: number;
};

export function App({store, databasePath, databaseShown = databasePath, tabs = deskTabs, followChanges = true, color = colorWanted(), deferMs = 350, registry: given, firstPage, holdFramesMs = frameHoldMs}: AppProps) {
	const registry = useMemo(() => given ?? new KeyRegistry(), [given]);
	const changes = useMemo(() => new DataChanges(), []);
	const {exit} = useApp();
	const [status, setStatus] = useState<Status>();
	const notify = useCallback((text: string, tone: StatusTone = 'info') => setStatus({text, tone}), []);
	const report = useCallback((error: unknown) => {
		// The database's troubles (a lock held past the wait, a full disk, a server gone) are
		// exit 5 on the command line: here a message, and the desk stays.
		const known = error instanceof UserError ? error : store.trouble(error);
		if (known) notify(known.message, 'error');
		else exit(error instanceof Error ? error : new Error(String(error)));
	}, [exit, notify, store]);
	useEffect(() => (followChanges ? changes.follow(store) : undefined), [changes, store, followChanges]);
	const desk = useMemo<Desk>(() => ({db: store, databasePath, color, notify, report, changed: changes.changed, changes, deferMs, firstPage}),
		[store, databasePath, color, notify, report, changes, deferMs, firstPage]);

	// Once the first frame is out, the views it did not need are loaded, one by one.
	useEffect(() => {
		const timer = setTimeout(() => {
			preloadScreens().catch(report);
		}, 200);
		timer.unref();
		return () => clearTimeout(timer);
	}, [report]);

	useEffect(() => {
		if (!status) return;
		const timer = setTimeout(() => setStatus(undefined), fadeMs[status.tone]);
		timer.unref();
		return () => clearTimeout(timer);
	}, [status]);
	// A message is about the last action: the next key is the next action.
	const beforeKey = useCallback(() => setStatus(undefined), []);
	const onUnhandled = useCallback((key: KeyPress) => {
		if (key.name === 'paste') notify('Pasted text goes into a text field: open one first (/ searches, e edits)', 'info');
	}, [notify]);

	return (
		<KeyProvider registry={registry} onError={report} beforeKey={beforeKey} onUnhandled={onUnhandled}>
			<DeskProvider value={desk}>
				<Shell tabs={tabs} databaseShown={databaseShown} status={status} color={color} holdFramesMs={holdFramesMs} />
			</DeskProvider>
		</KeyProvider>
	);
}

/** The desk's own keys: quit, help and the tabs (one binding per tab, from the tab list). */
export function deskKeys(tabs: readonly DeskTab[]) {
	return keyTable([
		{id: 'quit', keys: ['q'], label: 'quit', help: 'Quit (the terminal is restored)', pinned: true},
		{id: 'interrupt', keys: ['ctrl+c'], label: 'quit', help: 'Quit from anywhere, even while typing', footer: false, always: true},
		{id: 'help', keys: ['?', 'f1'], label: 'help', help: 'Show every key of this screen, in forms too (in a text field, where ? is typed, F1)', pinned: true, always: true},
		{id: 'nextTab', keys: ['tab'], label: 'next tab', help: 'Next tab', footer: false},
		{id: 'previousTab', keys: ['shift+tab'], label: 'previous tab', help: 'Previous tab', footer: false},
		...tabs.map((tab): KeyBinding => ({id: `tab${tab.key}`, keys: [tab.key], label: tab.title, help: `Show ${tab.title}`, footer: false})),
	]);
}

/** The help overlay's own keys. */
export const helpKeys = keyTable([
	{id: 'close', keys: ['esc', '?', 'q', 'backspace', 'f1'], label: 'close help', help: 'Close this help'},
	...scrollKeys('help'),
]);

function Shell({tabs, databaseShown, status, color, holdFramesMs}: {tabs: readonly DeskTab[]; databaseShown: string; status: Status | undefined; color: boolean; holdFramesMs: number}) {
	const {exit} = useApp();
	const registry = useKeyRegistry();
	const root = useRef<DOMElement>(null);
	useLayoutEffect(() => (holdFramesMs > 0 && root.current ? holdFrames(root.current, registry, holdFramesMs) : undefined), [registry, holdFramesMs]);
	const {columns, rows} = useTerminalSize();
	const [current, setCurrent] = useState(0);
	// A tab is first drawn when first shown (the first frame needs only one screen's work),
	// then kept, hidden, so it is as it was when the user comes back.
	const [opened, setOpened] = useState<ReadonlySet<number>>(() => new Set([0]));
	if (!opened.has(current)) setOpened(new Set([...opened, current]));
	const [help, setHelp] = useState<ActiveLayer[]>();
	const tooSmall = columns < minimumSize.columns || rows < minimumSize.rows;
	// Too small, a form cannot show its leave question: q does not drop its changes unasked.
	const keepsForm = tooSmall && registry.unsaved;

	const keys = useMemo(() => deskKeys(tabs), [tabs]);
	const handlers: Record<string, (() => void) | undefined> = {
		quit: keepsForm ? undefined : () => exit(),
		interrupt: () => exit(),
		// What the overlay lists is taken before it opens: the keys of the screen below it.
		help: tooSmall ? undefined : () => setHelp(registry.activeLayers()),
		nextTab: () => setCurrent(index => (index + 1) % tabs.length),
		previousTab: () => setCurrent(index => (index - 1 + tabs.length) % tabs.length),
	};
	for (const [index, tab] of tabs.entries()) handlers[`tab${tab.key}`] = () => setCurrent(index);
	useKeyLayer('Desk', keys, handlers, {priority: layerPriority.desk});

	const width = columns;
	const bodyHeight = screenRows(rows);
	return (
		<Box ref={root} flexDirection="column" width={width} height={rows - 1}>
			<Header tabs={tabs} current={current} databasePath={databaseShown} width={width} color={color} />
			{tooSmall ? (
				<Box height={bodyHeight} width={width} flexDirection="column">
					<Text bold>Terminal too small: {columns}×{rows}, the desk needs at least {minimumSize.columns}×{minimumSize.rows}.</Text>
					<Text>{keepsForm ? 'A form has changes not saved: enlarge the window to save or leave it (Ctrl+C quits and drops them).' : 'Enlarge the window, or press q to quit.'}</Text>
				</Box>
			) : null}
			{help && !tooSmall ? <HelpLayer layers={help} width={width} height={bodyHeight} onClose={() => setHelp(undefined)} /> : null}
			{tabs.map((tab, index) => (opened.has(index) ? (
				<TabBody key={tab.key} tab={tab} shown={index === current && !help && !tooSmall} width={width} height={bodyHeight} />
			) : null))}
			<StatusLine status={status} width={width} color={color} />
			<KeysFooter width={width} />
		</Box>
	);
}

/** A tab's screen; drawn again only when its own state or size changes, not on every desk change. */
const TabBody = memo(function TabBody({tab, shown, width, height}: {tab: DeskTab; shown: boolean; width: number; height: number}) {
	return (
		<Box display={shown ? 'flex' : 'none'} height={height} width={width}>
			<KeyScopeProvider active={shown}>
				<ScreenShownContext.Provider value={shown}>
					<tab.component width={width} height={height} active={shown} />
				</ScreenShownContext.Provider>
			</KeyScopeProvider>
		</Box>
	);
});

/** The footer follows the registry by itself, so a change of keys redraws only this line. */
function KeysFooter({width}: {width: number}) {
	return <Footer layers={useActiveKeys()} width={width} />;
}

function HelpLayer({layers, width, height, onClose}: {layers: ActiveLayer[]; width: number; height: number; onClose: () => void}) {
	const scroll = useScroll(helpLines(layers).length, helpRows(height));
	useKeyLayer('Help', helpKeys, {close: onClose, ...scroll.handlers}, {priority: layerPriority.overlay, exclusive: true});
	return <HelpOverlay layers={layers} width={width} height={height} offset={scroll.top} />;
}

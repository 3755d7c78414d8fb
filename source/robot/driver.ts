import type {NutKeyName} from './keys.js';
import type {Point} from './steps.js';

/** One desktop action with every placeholder filled: what a driver performs and dry-run records. */
export type DesktopAction =
	| {action: 'move'; at: Point}
	| {action: 'click'; button: 'left' | 'right'; double: boolean; at?: Point}
	| {action: 'drag'; from: Point; to: Point; durationMs: number}
	| {action: 'scroll'; direction: 'up' | 'down'; amount: number}
	/** Delivers any Unicode text exactly: through the clipboard, which is restored afterwards. */
	| {action: 'type'; text: string}
	/** Puts the text on the clipboard and pastes it; the clipboard keeps it. */
	| {action: 'paste'; text: string}
	| {action: 'key'; keys: NutKeyName[]}
	| {action: 'waitForWindow'; title: string; withinMs: number}
	| {action: 'focusWindow'; title: string}
	/** Ctrl+C, then the clipboard's text. */
	| {action: 'copy'}
	| {action: 'screenshot'; file: string};

export type DriverName = 'nut' | 'dry-run';

/** Where desktop input goes. `perform` resolves to the clipboard text for `copy`. */
export interface DesktopDriver {
	readonly name: DriverName;
	perform(action: DesktopAction): Promise<string | undefined>;
	/** Saves the screen as a PNG; resolves to false when this driver has no screen. */
	screenshot(file: string): Promise<boolean>;
	close(): Promise<void>;
}

import type {NutKeyName} from './keys.js';
import type {LookAnswer, ScreenLook} from './looks.js';
import type {Point} from './steps.js';

export type TypeMethod = 'paste' | 'keys';

/**
 * Where a pointer action goes: a point, or (only in a dry run, which looks at no screen) the
 * image it would have been found by.
 */
export type Place = Point | {image: string};

/** One desktop action with every placeholder filled: what a driver performs and dry-run records. */
export type DesktopAction =
	| {action: 'move'; at: Place}
	| {action: 'click'; button: 'left' | 'right'; double: boolean; at?: Place}
	| {action: 'drag'; from: Place; to: Place; durationMs: number}
	| {action: 'scroll'; direction: 'up' | 'down'; amount: number}
	/**
	 * Delivers text exactly into the focused window: pasted (the window must ask for the
	 * clipboard, and the user's clipboard is put back) or typed key by key. Without a method:
	 * keys for short plain ASCII and in terminals that paste only PRIMARY, paste otherwise.
	 */
	| {action: 'type'; text: string; method?: TypeMethod}
	/** Puts the text on the clipboard and pastes it; the clipboard keeps it. */
	| {action: 'paste'; text: string}
	| {action: 'key'; keys: NutKeyName[]}
	| {action: 'waitForWindow'; title: string; withinMs: number}
	| {action: 'focusWindow'; title: string}
	/** Asks the window to close (WM_DELETE_WINDOW), then ends its client after `politeMs`. */
	| {action: 'close'; title: string; politeMs: number}
	/** Copies the selection and reads it; fails when nothing new reached the clipboard within `withinMs`. */
	| {action: 'copy'; withinMs: number}
	/** Starts a program on the job's display, without a shell. */
	| {action: 'open'; app: string; args: string[]; cwd?: string}
	| {action: 'screenshot'; file: string};

export type DriverName = 'nut' | 'dry-run' | 'none';

/** Where desktop input goes. `perform` resolves to what the action found (copied text, a window, a pid). */
export interface DesktopDriver {
	readonly name: DriverName;
	/** The screen's size in pixels, when the driver has one: points outside it are refused. */
	readonly screen?: {width: number; height: number};
	/**
	 * Performs one action. Aborting the signal stops the action where it is (a timeout), and
	 * the promise settles only once it has stopped, so a retry never overlaps it.
	 */
	perform(action: DesktopAction, signal?: AbortSignal): Promise<string | undefined>;
	/**
	 * Reads the screen: finds an image, recognises text, reads a pixel. Undefined from a driver
	 * that has no screen to look at (dry run); a failed wait rejects with a LookFailed.
	 */
	look(look: ScreenLook, signal?: AbortSignal): Promise<LookAnswer | undefined>;
	/** Starts loading the OCR engine for a language, so a robot's first read does not wait for it. */
	warmOcr?(lang: string): Promise<void>;
	/** Saves the screen as a PNG; resolves to false when this driver has no screen. */
	screenshot(file: string): Promise<boolean>;
	/** Something the log should say that no step asked for (a desktop process restarted, and why). */
	takeNotice?(): string | undefined;
	/** Ends the programs this driver opened and its desktop process. */
	close(): Promise<void>;
}

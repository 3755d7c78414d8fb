import type {Point, Region} from './vision-steps.js';

/** A PNG a robot looks for, carried with the robot (or its job); `key` is its SHA-256, for caches. */
export type ImageRef = {name: string; key: string; png: Uint8Array};

/** A search area with placeholders filled. */
export type LookArea = {region: Region} | {window: string};

export type ImageSearch = {image: ImageRef; confidence: number; within?: LookArea; scales?: number[]};

export type TextArea = LookArea | {anchor: ImageSearch; anchorWaitMs: number; offset: Point; size: {width: number; height: number}};

/**
 * Something a robot reads off the screen, done in the desktop process. Each waits up to
 * `waitMs` for what it expects, polling; `failureShot` is where the screenshot goes (with the
 * best candidate outlined) when it fails.
 */
export type ScreenLook =
	/** `seen`: until the image is there; `gone`: until it is not; `now`: whether it is there (never fails). */
	| {look: 'image'; search: ImageSearch; until: 'seen' | 'gone' | 'now'; waitMs: number; failureShot?: string}
	| {look: 'text'; area?: TextArea; lang: string; chars?: string; waitMs: number; expect?: {text?: string; matches?: string}; failureShot?: string}
	| {look: 'pixel'; at: Point; waitMs: number; colour?: string; tolerance: number; failureShot?: string};

export type FoundImage = {x: number; y: number; width: number; height: number; score: number; scale: number};

export type LookAnswer =
	| {look: 'image'; seen: boolean; best?: FoundImage; others: number; elapsedMs: number}
	| {look: 'text'; text: string; confidence: number; box?: Region; elapsedMs: number}
	| {look: 'pixel'; colour: string; elapsedMs: number};

/** A look that failed; the desktop process saved `screenshot` when the look asked for one. */
export class LookFailed extends Error {
	constructor(message: string, readonly screenshot?: string) {
		super(message);
		this.name = 'LookFailed';
	}
}

/** The look without image bytes, for dry-run records and logs. */
export function withoutBytes(look: ScreenLook): unknown {
	return JSON.parse(JSON.stringify(look, (key, value: unknown) => (key === 'png' ? undefined : value)));
}

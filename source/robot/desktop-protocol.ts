import type {DesktopAction} from './driver.js';
import type {LookAnswer, ScreenLook} from './looks.js';

/** Messages between a worker and its desktop child (worker-process.ts), over Node's IPC channel. */
export type DesktopRequest =
	| {id: number; call: 'perform'; action: Exclude<DesktopAction, {action: 'open'}>}
	| {id: number; call: 'screenshot'; file: string}
	| {id: number; call: 'look'; look: ScreenLook}
	/** Start the OCR worker now, while other steps run: a robot that reads will need it. */
	| {id: number; call: 'warmOcr'; lang: string}
	/** Stop request `id` where it is (its step timed out); it answers with an error once stopped. */
	| {id: number; call: 'abort'}
	/** Which key names the keyboard can press on this display (scripts/probe-keys.ts). */
	| {id: number; call: 'probeKeys'};

export type DesktopReply =
	| {ready: true; screen: {width: number; height: number}}
	| {id: number; ok: true; value?: string | boolean | string[] | LookAnswer}
	| {id: number; ok: false; error: string; screenshot?: string};

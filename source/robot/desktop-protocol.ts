import type {DesktopAction} from './driver.js';

/** Messages between a worker and its desktop child (worker-process.ts), over Node's IPC channel. */
export type DesktopRequest =
	| {id: number; call: 'perform'; action: Exclude<DesktopAction, {action: 'open'}>}
	| {id: number; call: 'screenshot'; file: string}
	/** Stop request `id` where it is (its step timed out); it answers with an error once stopped. */
	| {id: number; call: 'abort'}
	/** Which key names the keyboard can press on this display (scripts/probe-keys.ts). */
	| {id: number; call: 'probeKeys'};

export type DesktopReply =
	| {ready: true; screen: {width: number; height: number}}
	| {id: number; ok: true; value?: string | boolean | string[]}
	| {id: number; ok: false; error: string};

import type {DesktopAction} from './driver.js';

/** Messages between a worker and its desktop child (worker-process.ts), over Node's IPC channel. */
export type DesktopRequest =
	| {id: number; call: 'perform'; action: DesktopAction}
	| {id: number; call: 'screenshot'; file: string};

export type DesktopReply =
	| {ready: true; screen: {width: number; height: number}}
	| {id: number; ok: true; value?: string | boolean}
	| {id: number; ok: false; error: string};

import {UserError} from '../store/errors.js';
import {needDisplayAdvice} from './desktop-process.js';
import {startVirtualDisplay, type VirtualDisplay} from './virtual-display.js';

export type DisplayChoice = {virtual: boolean; screen?: {width: number; height: number}};

/** `--screen 1920x1080`: the virtual display's size. */
export function parseScreenSize(text: string): {width: number; height: number} | undefined {
	const match = /^\s*(\d{2,5})\s*[x×]\s*(\d{2,5})\s*$/i.exec(text);
	if (!match) return undefined;
	const [width, height] = [Number(match[1]), Number(match[2])];
	if (width < 64 || height < 64 || width > 8192 || height > 8192) return undefined;
	return {width, height};
}

/**
 * The display a run's robots use: a new Xvfb with `--virtual-display`, else DISPLAY. Without
 * either it refuses (exit 1) naming what is missing: a robot never quietly does nothing.
 */
export async function displayFor(choice: DisplayChoice, say: (text: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<{env: NodeJS.ProcessEnv; display: string; virtual?: VirtualDisplay}> {
	if (choice.virtual) {
		const virtual = await startVirtualDisplay(choice.screen ?? {});
		say(`started a virtual display ${virtual.display} (Xvfb pid ${virtual.pid}, ${choice.screen ? `${choice.screen.width}x${choice.screen.height}` : '1280x800'})`);
		return {env: {...env, DISPLAY: virtual.display}, display: virtual.display, virtual};
	}
	const display = env.DISPLAY?.trim();
	if (!display) throw new UserError(`no X display: DISPLAY is not set. ${needDisplayAdvice}; or --driver dry-run to only see what the robot would do`);
	return {env, display};
}

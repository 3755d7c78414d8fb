import {execFile} from 'node:child_process';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * Whether an X window is mapped and viewable. nut-js lists unmapped windows too, and focusing
 * one kills the process with an X BadMatch (docs/DESIGN.md "Measured"), so ask xwininfo first.
 */
export async function isViewable(windowId: number): Promise<boolean> {
	try {
		const {stdout} = await run('xwininfo', ['-id', String(windowId)], {timeout: 5000});
		return /Map State:\s*IsViewable/.test(stdout);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('waiting for windows needs xwininfo: apt-get install x11-utils', {cause: error});
		// The window went away between listing and asking.
		return false;
	}
}

/** `Legacy*` → a whole-title pattern where `*` is any text and `?` one character. */
export function titlePattern(glob: string): RegExp {
	const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, 'u');
}

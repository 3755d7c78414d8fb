import type {DesktopAction, DesktopDriver, Place} from './driver.js';
import {withoutBytes, type LookAnswer, type ScreenLook} from './looks.js';

/**
 * Records each resolved action instead of touching a desktop: the driver for machines
 * without a display, for checking what a robot would type for a customer, and for tests.
 */
export class DryRunDriver implements DesktopDriver {
	readonly name = 'dry-run' as const;
	readonly actions: DesktopAction[] = [];
	/** What the robot would have looked for on the screen (image bytes left out). */
	readonly looks: unknown[] = [];
	/** What `copy` steps read; tests set it. */
	clipboard = '';

	async perform(action: DesktopAction): Promise<string | undefined> {
		this.actions.push(action);
		if (action.action === 'paste') this.clipboard = action.text;
		return action.action === 'copy' ? this.clipboard : undefined;
	}

	/** A dry run looks at no screen: nothing is seen, and the steps say so. */
	async look(look: ScreenLook): Promise<LookAnswer | undefined> {
		this.looks.push(withoutBytes(look));
		return undefined;
	}

	async screenshot(file: string): Promise<boolean> {
		this.actions.push({action: 'screenshot', file});
		return false;
	}

	async close(): Promise<void> {}
}

/** One line per action, as `robot run --driver dry-run` prints it. */
export function describeAction(action: DesktopAction): string {
	const where = (place: Place) => ('image' in place ? `the centre of ${place.image}` : `${place.x},${place.y}`);
	const at = (place?: Place) => (place ? ('image' in place ? ` on ${place.image}` : ` at ${where(place)}`) : '');
	switch (action.action) {
		case 'move': return `move to ${where(action.at)}`;
		case 'click': return `${action.double ? 'double-' : ''}${action.button} click${at(action.at)}`;
		case 'drag': return `drag from ${where(action.from)} to ${where(action.to)} over ${action.durationMs}ms`;
		case 'scroll': return `scroll ${action.direction} ${action.amount}`;
		case 'type': return `type ${JSON.stringify(action.text)}${action.method ? ` (${action.method})` : ''}`;
		case 'paste': return `paste ${JSON.stringify(action.text)}`;
		case 'key': return `press ${action.keys.join('+')}`;
		case 'waitForWindow': return `wait up to ${action.withinMs}ms for window "${action.title}"`;
		case 'focusWindow': return `focus window "${action.title}"`;
		case 'copy': return 'copy the selection and read the clipboard';
		case 'close': return `close window "${action.title}"`;
		case 'open': return `open ${[action.app, ...action.args].map(part => (/^[\w./:=@+-]+$/.test(part) ? part : JSON.stringify(part))).join(' ')}${action.cwd ? ` in ${action.cwd}` : ''}`;
		case 'screenshot': return `screenshot ${action.file}`;
	}
}

import type {DOMElement} from 'ink';
import type {KeyActivity} from '../keys/activity.js';

/**
 * Frames wait, up to `maxHoldMs`, for the reads a key started. A key changes the screen at
 * once (the typed letter) and its reads fill in a moment later (the matching rows); Ink caps
 * frames per second, so drawing the first change at once would push the second a whole frame
 * interval back. Held, the two go out as one frame as soon as the reads are in: a few
 * milliseconds on SQLite or a near PostgreSQL server. Past `maxHoldMs` (a slow network), what
 * is there is drawn and the rest fills in when it comes: the screen never waits on the
 * network for long.
 *
 * Ink draws from its root node's `onRender`, called after every commit; `element` is any node
 * of the tree. Returns the call that puts Ink's own back.
 */
export function holdFrames(element: DOMElement, activity: KeyActivity, maxHoldMs: number): () => void {
	let root: DOMElement | undefined = element;
	while (root && root.nodeName !== 'ink-root') root = root.parentNode;
	const draw = root?.onRender;
	if (!root || !draw) return () => {};
	let wanted = false;
	let holding = false;
	let overdue = false;
	let timer: NodeJS.Timeout | undefined;
	const release = () => {
		if (!holding) return;
		holding = false;
		clearTimeout(timer);
		if (wanted) {
			wanted = false;
			draw();
		}
	};
	root.onRender = () => {
		if (overdue || activity.calm) {
			draw();
			return;
		}
		wanted = true;
		if (holding) return;
		holding = true;
		timer = setTimeout(() => {
			// Too long: frames flow again until the desk is calm, then the next hold starts.
			overdue = true;
			release();
			void activity.whenCalm().then(() => {
				overdue = false;
			});
		}, maxHoldMs);
		timer.unref();
		void activity.whenCalm().then(release);
	};
	const gated = root;
	return () => {
		clearTimeout(timer);
		gated.onRender = draw;
	};
}

import {useState} from 'react';

export type Scroll = {
	/** The first line shown. */
	top: number;
	/** Handlers for scrollKeys (source/keys/scroll-keys.ts); undefined when that way is at its end. */
	handlers: {
		down?: () => void;
		up?: () => void;
		pageDown?: () => void;
		pageUp?: () => void;
		top?: () => void;
		bottom?: () => void;
	};
	/** "lines 12–40 of 310", or '' when everything fits. */
	position: string;
};

/**
 * Where a long view is scrolled to, for `total` lines shown `rows` at a time. It may
 * start at the end (a job log that failed), and it stays within the lines when they
 * shrink. A way that goes nowhere has no handler, so the footer does not offer it.
 */
export function useScroll(total: number, rows: number, options: {startAtEnd?: boolean} = {}): Scroll {
	const shown = Math.max(1, rows);
	const last = Math.max(0, total - shown);
	const [wanted, setWanted] = useState(() => (options.startAtEnd ? Number.MAX_SAFE_INTEGER : 0));
	const top = Math.max(0, Math.min(wanted, last));
	const to = (line: number) => () => setWanted(Math.max(0, Math.min(line, last)));
	return {
		top,
		handlers: {
			down: top < last ? to(top + 1) : undefined,
			up: top > 0 ? to(top - 1) : undefined,
			pageDown: top < last ? to(top + shown) : undefined,
			pageUp: top > 0 ? to(top - shown) : undefined,
			top: top > 0 ? to(0) : undefined,
			bottom: top < last ? to(last) : undefined,
		},
		position: total > shown ? `lines ${top + 1}–${Math.min(total, top + shown)} of ${total.toLocaleString('en')}` : '',
	};
}

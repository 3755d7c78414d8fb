import {visible} from './visible.js';

/**
 * A value quoted inside a message: `"vip"`. Control characters are shown visibly and a long
 * value is cut, so echoing what the user typed can neither attack the terminal nor bury the
 * message under ten megabytes of it.
 */
export function quoted(text: string, max = 60): string {
	const characters = [...text];
	const shown = characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : text;
	return `"${visible(shown)}"`;
}

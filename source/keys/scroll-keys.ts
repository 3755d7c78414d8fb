import {keyTable, type KeyBinding} from './bindings.js';

/**
 * The keys of every long view (help, history, timeline, an interaction's body, a job's log),
 * as in less: a line, a page, the first and the last. Views add their own keys beside these.
 */
export function scrollKeys(what: string) {
	return keyTable([
		{id: 'down', keys: ['j', 'down'], label: 'scroll', help: `Scroll the ${what} down a line`},
		{id: 'up', keys: ['k', 'up'], label: 'up', help: `Scroll the ${what} up a line`, footer: false},
		{id: 'pageDown', keys: ['pgdn'], label: 'page', help: `Scroll the ${what} down a page`, footer: false},
		{id: 'pageUp', keys: ['pgup'], label: 'page up', help: `Scroll the ${what} up a page`, footer: false},
		{id: 'top', keys: ['g', 'home'], label: 'top', help: `The start of the ${what}`, footer: false},
		{id: 'bottom', keys: ['G', 'end'], label: 'end', help: `The end of the ${what}`, footer: false},
	]);
}

/** Esc and Backspace go back from any view opened from another. */
export function backKeys(to: string, extra: readonly string[] = []): readonly [KeyBinding] {
	return [{id: 'back', keys: ['esc', 'backspace', ...extra], label: 'back', help: `Back to the ${to}`}];
}

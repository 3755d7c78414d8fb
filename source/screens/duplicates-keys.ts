import {keyTable} from '../keys/bindings.js';
import {backKeys} from '../keys/scroll-keys.js';

/** The Duplicates view's keys (D on the customers list); handlers in duplicates.tsx. */
export const duplicatesKeys = keyTable([
	...backKeys('list'),
	{id: 'merge', keys: ['m'], label: 'merge', help: 'Merge the right customer into the left one, which is kept (shows what happens and asks first)'},
	{id: 'skip', keys: ['s'], label: 'skip', help: 'Skip to the next pair, recording nothing (after the last, the first again)'},
	{id: 'dismiss', keys: ['t'], label: 'two people', help: 'Not the same person: mark the pair as two people, so it is not shown again'},
	{id: 'undo', keys: ['u'], label: 'undo merge', help: 'Undo the last merge made in this desk, then the one before (refused if the kept customer changed since)'},
	{id: 'down', keys: ['j', 'down'], label: 'next', help: 'The next pair', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'previous', help: 'The previous pair', footer: false},
	{id: 'top', keys: ['g', 'home'], label: 'first', help: 'The first (most likely) pair', footer: false},
	{id: 'bottom', keys: ['G', 'end'], label: 'last', help: 'The last (least likely) pair', footer: false},
]);

import {keyTable} from '../keys/bindings.js';
import {backKeys, scrollKeys} from '../keys/scroll-keys.js';

/** The customers list's keys; handlers are attached in customers-list.tsx. */
export const customerListKeys = keyTable([
	{id: 'open', keys: ['enter'], label: 'open', help: 'Open the selected customer'},
	{id: 'search', keys: ['/'], label: 'search', help: 'Search by name, company, email or phone; the list narrows as you type'},
	{id: 'status', keys: ['s'], label: 'status', help: 'Show all, lead, active, inactive or deleted customers (cycles)'},
	{id: 'edit', keys: ['e'], label: 'edit', help: 'Edit the selected customer'},
	{id: 'new', keys: ['n'], label: 'new', help: 'Add a customer'},
	{id: 'delete', keys: ['d'], label: 'delete', help: 'Delete the selected customer (asks first; can be restored)'},
	{id: 'restore', keys: ['r'], label: 'restore', help: 'Restore the selected deleted customer'},
	{id: 'interaction', keys: ['i'], label: 'log', help: 'Log an interaction (call, email, note, …) with the selected customer'},
	{id: 'history', keys: ['h'], label: 'history', help: "Show the selected customer's change history"},
	{id: 'robot', keys: ['R'], label: 'robot', help: 'Queue a robot from the robots folder for the selected customer'},
	{id: 'segments', keys: ['v'], label: 'segments', help: "Pick a saved segment (with its customer count): the list then shows exactly its customers"},
	{id: 'saveSegment', keys: ['S'], label: 'save segment', help: 'Save what the list shows (its search and status, or the segment picked) as a segment, for robots, schedules and triggers (asks for a name)'},
	{id: 'duplicates', keys: ['D'], label: 'duplicates', help: 'Review likely duplicate customers pair by pair: merge, skip, undo'},
	{id: 'clear', keys: ['esc'], label: 'clear filter', help: 'Clear the search (the selected customer stays selected)'},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Move down', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'Move up', footer: false},
	{id: 'pageDown', keys: ['pgdn'], label: 'page down', help: 'Next page', footer: false},
	{id: 'pageUp', keys: ['pgup'], label: 'page up', help: 'Previous page', footer: false},
	{id: 'top', keys: ['g', 'home'], label: 'top', help: 'First customer', footer: false},
	{id: 'bottom', keys: ['G', 'end'], label: 'bottom', help: 'Last customer', footer: false},
]);

export const customerSearchKeys = keyTable([
	{id: 'keep', keys: ['enter'], label: 'keep filter', help: 'Back to the list, keeping the search'},
	{id: 'clear', keys: ['esc'], label: 'clear', help: 'Clear the search and go back to the list (the selected customer stays selected)'},
	{id: 'down', keys: ['down'], label: 'down', help: 'Move down', footer: false},
	{id: 'up', keys: ['up'], label: 'up', help: 'Move up', footer: false},
	{id: 'pageDown', keys: ['pgdn'], label: 'page down', help: 'Next page', footer: false},
	{id: 'pageUp', keys: ['pgup'], label: 'page up', help: 'Previous page', footer: false},
]);

export const customerDetailKeys = keyTable([
	...backKeys('list'),
	{id: 'open', keys: ['enter'], label: 'open', help: 'Open the selected order, or the whole interaction'},
	{id: 'edit', keys: ['e'], label: 'edit', help: 'Edit this customer'},
	{id: 'interaction', keys: ['i'], label: 'log', help: 'Log an interaction with this customer'},
	{id: 'history', keys: ['h'], label: 'history', help: 'Show the change history'},
	{id: 'delete', keys: ['d'], label: 'delete', help: 'Delete this customer (asks first)'},
	{id: 'restore', keys: ['r'], label: 'restore', help: 'Restore this deleted customer'},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'The next order or interaction', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'The previous order or interaction', footer: false},
	{id: 'pageDown', keys: ['pgdn'], label: 'page down', help: 'A page further down the orders and interactions', footer: false},
	{id: 'pageUp', keys: ['pgup'], label: 'page up', help: 'A page back up', footer: false},
	{id: 'top', keys: ['g', 'home'], label: 'first', help: 'The newest order', footer: false},
	{id: 'bottom', keys: ['G', 'end'], label: 'last', help: 'The oldest interaction', footer: false},
]);

export const customerFormKeys = keyTable([
	{id: 'save', keys: ['ctrl+s'], label: 'save', help: 'Save from any field (nothing is saved while a field is invalid)'},
	{id: 'leave', keys: ['esc'], label: 'leave', help: 'Leave the form (asks first when something changed)'},
	{id: 'next', keys: ['tab'], label: 'next field', help: 'Next field (after the last, the first)'},
	{id: 'previous', keys: ['shift+tab'], label: 'previous', help: 'Previous field (before the first, the last)'},
	{id: 'down', keys: ['down', 'enter'], label: 'down', help: 'Next field, stopping at the last', footer: false},
	{id: 'up', keys: ['up'], label: 'up', help: 'Previous field, stopping at the first', footer: false},
]);

/** The history, an order and an interaction opened from a customer: back, and scrolling. */
export const customerViewKeys = keyTable([
	...backKeys('customer'),
	...scrollKeys('view'),
]);

/** `S`: the one-line form naming a new segment. */
export const segmentSaveKeys = keyTable([
	{id: 'save', keys: ['enter'], label: 'save', help: 'Save the segment under the name typed (a name already taken is refused)'},
	{id: 'cancel', keys: ['esc'], label: 'cancel', help: 'Close without saving anything'},
]);

/** `v`: the segments to pick as the list's filter. */
export const segmentPickerKeys = keyTable([
	{id: 'choose', keys: ['enter'], label: 'apply', help: "Make the selected segment the list's filter (or the first entry: every customer)"},
	{id: 'close', keys: ['esc', 'backspace'], label: 'close', help: 'Close, keeping the filter as it was'},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Next segment', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'Previous segment', footer: false},
]);

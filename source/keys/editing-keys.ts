import {keyTable} from './bindings.js';

/**
 * The keys of every text field, as in a shell (readline) and most editors. Registered by
 * the focused field, so `?` in a form and the README list them from here.
 */
export const lineEditingKeys = keyTable([
	{id: 'left', keys: ['left', 'ctrl+b'], label: 'left', help: 'Move left a character', footer: false},
	{id: 'right', keys: ['right', 'ctrl+f'], label: 'right', help: 'Move right a character', footer: false},
	{id: 'wordLeft', keys: ['alt+b', 'ctrl+left'], label: 'word left', help: 'Move left a word', footer: false},
	{id: 'wordRight', keys: ['alt+f', 'ctrl+right'], label: 'word right', help: 'Move right a word', footer: false},
	{id: 'home', keys: ['home', 'ctrl+a'], label: 'line start', help: 'Move to the start of the line', footer: false},
	{id: 'end', keys: ['end', 'ctrl+e'], label: 'line end', help: 'Move to the end of the line', footer: false},
	{id: 'backspace', keys: ['backspace'], label: 'delete', help: 'Delete the character before the cursor', footer: false},
	{id: 'delete', keys: ['delete', 'ctrl+d'], label: 'delete', help: 'Delete the character under the cursor', footer: false},
	{id: 'deleteWord', keys: ['ctrl+w'], label: 'delete word', help: 'Delete the word before the cursor (back to a space)', footer: false},
	{id: 'deleteWordPart', keys: ['alt+backspace'], label: 'delete word', help: 'Delete back to the start of the word', footer: false},
	{id: 'deleteWordAfter', keys: ['alt+d'], label: 'delete word', help: 'Delete to the end of the word', footer: false},
	{id: 'killStart', keys: ['ctrl+u'], label: 'delete to start', help: 'Delete from the start of the line to the cursor', footer: false},
	{id: 'killEnd', keys: ['ctrl+k'], label: 'delete to end', help: 'Delete from the cursor to the end of the line', footer: false},
	// Bound, not left to the text fallback, because `?` is also the desk's help key (an `always`
	// key that would otherwise win): in a field it is a character, as in "Who? Ltd"; F1 is help.
	{id: 'question', keys: ['?'], label: '?', help: 'Types a ? here (F1 shows the keys)', footer: false},
]);

/** What a text area (address, notes, an interaction's body) adds to a field's keys: lines. */
export const areaOnlyKeys = keyTable([
	{id: 'newline', keys: ['enter'], label: 'new line', help: 'Start a new line (Ctrl-S saves, Tab leaves the area)'},
	{id: 'lineUp', keys: ['up'], label: 'line up', help: 'Up a line; from the first line, to the field before', footer: false},
	{id: 'lineDown', keys: ['down'], label: 'line down', help: 'Down a line; from the last line, to the next field', footer: false},
	{id: 'pageUp', keys: ['pgup'], label: 'page up', help: 'Up a screenful of lines', footer: false},
	{id: 'pageDown', keys: ['pgdn'], label: 'page down', help: 'Down a screenful of lines', footer: false},
	{id: 'textStart', keys: ['ctrl+home'], label: 'start', help: 'Move to the start of the text', footer: false},
	{id: 'textEnd', keys: ['ctrl+end'], label: 'end', help: 'Move to the end of the text', footer: false},
]);

export const areaEditingKeys = keyTable([...areaOnlyKeys, ...lineEditingKeys]);

/** A field with a fixed set of values (status, kind, direction): a picker, nothing to type. */
export const choiceKeys = keyTable([
	{id: 'next', keys: ['right', 'space'], label: 'next choice', help: 'The next choice'},
	{id: 'previous', keys: ['left'], label: 'previous choice', help: 'The previous choice', footer: false},
	// Not a key name: typed letters reach the picker as text. Listed so help shows it.
	{id: 'jump', keys: ['a…z'], label: 'jump', help: 'The choice starting with that letter (again: the next one)', footer: false},
]);

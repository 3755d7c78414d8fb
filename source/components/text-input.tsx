import {useCallback, useRef, useState} from 'react';
import {Text, useInput, type Key} from 'ink';

/**
 * A one-line text input that never loses a key. ink-text-input computes each change
 * from the value of its last render; when keys arrive faster than frames (a fast typist,
 * a paste split in chunks, an SSH link bunching key presses) two presses start from the
 * same value and one is lost, and Ctrl chords such as Ctrl-S are inserted as letters.
 * This input keeps its value and cursor in refs updated on every key, ignores chords
 * (they belong to the key registry) and leaves Tab, arrows up/down, Enter and Esc to it.
 */
export function TextInput({value, onChange, placeholder = ''}: {value: string; onChange: (value: string) => void; placeholder?: string}) {
	const text = useRef(value);
	const cursor = useRef([...value].length);
	const [, redraw] = useState(0);
	// A new value from outside (a reload, a cleared search) replaces what was typed.
	if (value !== text.current) {
		text.current = value;
		cursor.current = [...value].length;
	}
	const change = useRef(onChange);
	change.current = onChange;

	const handle = useCallback((input: string, key: Key) => {
		const characters = [...text.current];
		let position = Math.min(cursor.current, characters.length);
		if (key.ctrl && input === 'u') {
			characters.splice(0, position);
			position = 0;
		} else if (key.ctrl && input === 'k') {
			characters.splice(position);
		} else if ((key.ctrl && input === 'a') || key.home) {
			position = 0;
		} else if ((key.ctrl && input === 'e') || key.end) {
			position = characters.length;
		} else if (key.leftArrow) {
			position = Math.max(0, position - 1);
		} else if (key.rightArrow) {
			position = Math.min(characters.length, position + 1);
		} else if (key.backspace || key.delete) {
			// Terminals send DEL (0x7f) for the Backspace key; Ink calls it delete.
			if (position > 0) characters.splice(--position, 1);
		} else if (key.ctrl || key.meta || key.tab || key.return || key.escape || key.upArrow || key.downArrow || key.pageUp || key.pageDown || !input) {
			return;
		} else {
			const typed = [...input.replace(/[\r\n\t]+/g, ' ')];
			characters.splice(position, 0, ...typed);
			position += typed.length;
		}
		cursor.current = position;
		const next = characters.join('');
		redraw(count => count + 1);
		if (next !== text.current) {
			text.current = next;
			change.current(next);
		}
	}, []);
	useInput(handle);

	const characters = [...text.current];
	if (characters.length === 0) {
		return (
			<Text>
				<Text inverse>{placeholder[0] ?? ' '}</Text>
				<Text dimColor>{placeholder.slice(1)}</Text>
			</Text>
		);
	}
	const at = Math.min(cursor.current, characters.length);
	return (
		<Text>
			{characters.slice(0, at).join('')}
			<Text inverse>{characters[at] ?? ' '}</Text>
			{characters.slice(at + 1).join('')}
		</Text>
	);
}

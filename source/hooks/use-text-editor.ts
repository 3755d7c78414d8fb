import {useRef, useState} from 'react';
import type {KeyPress} from '../keys/key-decoder.js';
import {areaEditingKeys, lineEditingKeys} from '../keys/editing-keys.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import * as edit from '../components/text-editing.js';

export type TextEditorOptions = {
	value: string;
	onChange: (value: string) => void;
	/** A text area: Enter makes a line break, Up/Down move between lines. */
	multiline?: boolean;
	/** The layer sits above the form or dialog holding the field. */
	priority: number;
	/** Lines a page moves (a text area's height). */
	rows?: number;
	/** Up on the first line, Down on the last: the form moves to the field before or after. */
	onLeaveUp?: () => void;
	onLeaveDown?: () => void;
};

export type TextEditor = {
	state: edit.TextEdit;
	/** Scroll kept between frames so the view moves only when the cursor would leave it. */
	view: {top: number; left: number};
};

/**
 * The focused field's editing: its text and cursor, and a key layer with the editing keys
 * (source/keys/editing-keys.ts) that also takes what is typed or pasted. A new value from
 * outside (a reload, a cleared search) replaces the text and puts the cursor at its end.
 */
export function useTextEditor({value, onChange, multiline = false, priority, rows = 1, onLeaveUp, onLeaveDown}: TextEditorOptions): TextEditor {
	const state = useRef<edit.TextEdit>({text: value, cursor: value.length});
	const view = useRef({top: 0, left: 0});
	const [, redraw] = useState(0);
	if (value !== state.current.text) state.current = {text: value, cursor: value.length};

	const apply = (change: (current: edit.TextEdit) => edit.TextEdit | undefined) => () => {
		const next = change(state.current);
		if (!next) return;
		const changed = next.text !== state.current.text;
		state.current = next;
		redraw(count => count + 1);
		if (changed) onChange(next.text);
	};
	const line = {
		left: apply(edit.left),
		right: apply(edit.right),
		wordLeft: apply(current => edit.wordLeft(current)),
		wordRight: apply(edit.wordRight),
		home: apply(edit.home),
		end: apply(edit.end),
		backspace: apply(edit.backspace),
		delete: apply(edit.deleteForward),
		deleteWord: apply(edit.deleteWordBefore),
		deleteWordPart: apply(edit.deleteWordPart),
		deleteWordAfter: apply(edit.deleteWordAfter),
		killStart: apply(edit.killToStart),
		killEnd: apply(edit.killToEnd),
		question: apply(current => edit.insert(current, '?', multiline)),
	};
	const typeText = (key: KeyPress) => apply(current => edit.insert(current, key.text ?? '', multiline))();
	const leaving = (by: -1 | 1) => () => {
		const moved = edit.moveLine(state.current, by);
		if (moved) apply(() => moved)();
		else (by < 0 ? onLeaveUp : onLeaveDown)?.();
	};
	const area = {
		...line,
		newline: apply(current => edit.insert(current, '\n', true)),
		lineUp: leaving(-1),
		lineDown: leaving(1),
		pageUp: apply(current => edit.moveLines(current, -1, Math.max(1, rows - 1))),
		pageDown: apply(current => edit.moveLines(current, 1, Math.max(1, rows - 1))),
		textStart: apply(edit.textStart),
		textEnd: apply(edit.textEnd),
	};
	useKeyLayer('Editing text', multiline ? areaEditingKeys : lineEditingKeys, multiline ? area : line, {priority, text: typeText});
	return {state: state.current, view: view.current};
}

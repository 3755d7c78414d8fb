import type {KeyPress} from './key-decoder.js';

/**
 * A key binding: what the user presses, the word the footer shows and the sentence the
 * help overlay shows. Screens declare their bindings as a constant table and attach
 * handlers with `useKeyLayer`; a binding without a handler right now is not shown and
 * does not match, so the footer lists exactly the keys that work.
 */
export type KeyBinding = {
	/** Names the handler: `down`, `save`, `restore`. */
	id: string;
	/** Key names from keyNameOf: `j`, `down`, `pgdn`, `ctrl+s`, `shift+tab`. */
	keys: readonly string[];
	/** One or two words for the footer. */
	label: string;
	/** A sentence for the help overlay. */
	help: string;
	/** Leave out of the footer (still in the help overlay), for keys the footer has no room for. */
	footer?: false;
	/** Works even under an exclusive layer (Ctrl-C quits from anywhere, `?` shows help in a form). */
	always?: true;
	/** Shown at the end of the footer and the last to go when it is narrow (`q quit`, `? help`). */
	pinned?: true;
};

export type KeyTable = readonly KeyBinding[];

/** Keeps the ids as literal types, so handlers are checked against the table. */
export function keyTable<const Table extends readonly KeyBinding[]>(bindings: Table): Table {
	return bindings;
}

/** Runs for a key press; the press carries the typed text (a letter, a paste) for handlers that want it. */
export type KeyHandler = (key: KeyPress) => void;

/** A handler per binding id; leave one out (or pass undefined/false) when that key does nothing now. */
export type KeyHandlers<Table extends KeyTable> = Partial<Record<Table[number]['id'], KeyHandler | undefined | false>>;

/** Stacking order: a higher layer sees a key first. */
export const layerPriority = {
	desk: 0,
	screen: 10,
	view: 20,
	dialog: 30,
	overlay: 40,
} as const;

/** A text field's own layer sits just above the form or dialog that holds it. */
export const fieldAbove = 5;

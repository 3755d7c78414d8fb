import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/**
 * Columns a text takes in a terminal, exactly as string-width counts them, faster.
 *
 * string-width measures anything beyond printable ASCII a grapheme at a time, with a
 * Unicode emoji regex that alone costs a tenth of a second to build: a desk frame of names
 * with accents (or a `…`) spent most of its time there, and Ink measures every line of
 * every frame twice. Text made only of characters that are one column each whatever
 * surrounds them (Latin with its accents, Greek, Cyrillic, punctuation, arrows, box
 * drawing) is as wide as it is long; and the same lines come back frame after frame, so
 * widths are remembered. Everything else goes to string-width.
 *
 * The desk's bundle gives Ink this function in place of string-width (scripts/build.mjs);
 * test/text/text-width.test.ts checks both agree, character by character.
 */
export const narrowCharacters = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u03FF\u0400-\u0482\u048A-\u052F\u1E00-\u1EFF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC]*$/;

type Options = Parameters<typeof stringWidth>[1];

const remembered = new Map<string, number>();
const rememberedMax = 4000;

export default function textWidth(text: string, options?: Options): number {
	if (typeof text !== 'string' || text.length === 0) return 0;
	if (options && (options.countAnsiEscapeCodes || options.ambiguousIsNarrow === false)) return stringWidth(text, options);
	// Styled lines (Ink measures them with their colours) are measured without the styles, as string-width does.
	const plain = text.includes('\u001B') || text.includes('\u009B') ? stripAnsi(text) : text;
	if (narrowCharacters.test(plain)) return plain.length;
	const known = remembered.get(text);
	if (known !== undefined) return known;
	return remember(text, stringWidth(text));
}

function remember(text: string, width: number): number {
	if (remembered.size >= rememberedMax) remembered.clear();
	remembered.set(text, width);
	return width;
}

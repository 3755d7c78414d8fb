import type {z} from 'zod';
import {describeCharacter, firstUnsafeCharacter} from './visible.js';

/**
 * What a stored text field may hold. One-line fields (a name, a subject, an order number)
 * refuse every control character (NUL, ESC, C1) and the bidi overrides that reorder what a
 * terminal shows; multi-line fields (an address, notes, a body) also keep line breaks and tabs.
 * Output shows such characters visibly anyway (visible.ts); refusing them on input keeps
 * them out of every screen, export and downstream system.
 */
export type TextShape = 'one-line' | 'multi-line';

/** The problem with `text` as a field of that shape, or undefined when it is fine. */
export function unprintableProblem(text: string, shape: TextShape): string | undefined {
	if (shape === 'one-line' && /[\r\n]/.test(text)) return 'must be on one line';
	const character = firstUnsafeCharacter(text, shape === 'multi-line' ? '\r\n\t' : '');
	if (character === undefined) return undefined;
	const kept = shape === 'multi-line' ? '; besides line breaks and tabs, control characters' : '; control characters';
	return `contains ${describeCharacter(character)}${kept} and bidi overrides are refused (they can change what a terminal shows)`;
}

/** A zod refinement refusing what `unprintableProblem` finds. */
export function printableText(shape: TextShape) {
	return (value: string, context: z.RefinementCtx) => {
		const problem = unprintableProblem(value, shape);
		if (problem) context.addIssue({code: 'custom', message: problem});
	};
}

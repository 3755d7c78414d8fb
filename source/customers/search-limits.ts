import {ValidationError} from '../store/errors.js';

/**
 * A search is what a person types: a few words. Each word becomes terms of a full-text
 * query, and SQLite refuses (or takes seconds over) an expression of hundreds of terms, so
 * longer input is refused with the reason instead of failing deep inside the query.
 */
export const searchLimits = {words: 32, characters: 256} as const;

/** Throws a ValidationError (exit 2) naming the limit a search text goes over. */
export function checkSearch(text: string): void {
	// Counting code points of a megabyte of text would cost more than refusing it.
	const characters = text.length > 4 * searchLimits.characters ? text.length : [...text].length;
	if (characters > searchLimits.characters) {
		throw new ValidationError('search', `is ${characters} characters long; a search takes at most ${searchLimits.characters} characters and ${searchLimits.words} words (a few distinctive words find a customer faster)`);
	}
	const words = text.split(/\s+/u).filter(Boolean).length;
	if (words > searchLimits.words) {
		throw new ValidationError('search', `has ${words} words; a search takes at most ${searchLimits.words} words and ${searchLimits.characters} characters (a few distinctive words find a customer faster)`);
	}
}

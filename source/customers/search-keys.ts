import {wordStartMark, type SearchTerm} from './search-text.js';

/**
 * The keys of customer search on both engines: every trigram (three characters) of a
 * customer's substring line and of its word starts (search-text.ts). A term of three or more
 * characters needs all its trigrams; a one- or two-character term needs its word-start key
 * (`\u0001\u0001m`, `\u0001mu`). SQLite's FTS5 trigram index holds exactly these trigrams
 * (customer-search-index.ts); PostgreSQL keeps them hashed to integers in `search_keys`
 * under a GIN index (customer-list-postgres.ts). Either way a key match is only a
 * candidate: every candidate is re-checked against `search_text`, so the matching rules are
 * those of search-text.ts on both.
 */
export function queryTrigrams(terms: readonly SearchTerm[]): string[] {
	const trigrams = new Set<string>();
	for (const term of terms) {
		if (term.kind === 'substring') {
			for (const trigram of trigramsOf(term.text)) trigrams.add(trigram);
			continue;
		}
		for (const word of term.words) {
			const [first, second] = [...word];
			trigrams.add(second === undefined ? `${wordStartMark}${wordStartMark}${first}` : `${wordStartMark}${first}${second}`);
		}
	}
	return [...trigrams];
}

/** The trigrams of a text, by characters (a character above U+FFFF counts as one), each once. */
export function trigramsOf(text: string): Set<string> {
	const characters = [...text];
	const trigrams = new Set<string>();
	for (let index = 0; index + 3 <= characters.length; index++) trigrams.add(characters[index]! + characters[index + 1]! + characters[index + 2]!);
	return trigrams;
}

/**
 * A trigram as a 32-bit integer (FNV-1a over its UTF-16 units): PostgreSQL's GIN index over
 * integers is smaller than over text and independent of the server's locale. Two trigrams
 * may share a key; that only adds candidates, which the re-check drops.
 */
export function trigramKey(trigram: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < trigram.length; index++) {
		hash ^= trigram.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash | 0;
}

/** The stored keys of one customer, from the two lines search-text.ts makes. */
export function searchKeysOf(text: {substringText: string; wordStarts: string}): number[] {
	const keys = new Set<number>();
	// Trigrams across two fields (a tab) or two word starts no query asks for: not kept.
	for (const trigram of trigramsOf(text.substringText)) if (!trigram.includes('\t')) keys.add(trigramKey(trigram));
	for (const trigram of trigramsOf(text.wordStarts)) if (trigram.startsWith(wordStartMark)) keys.add(trigramKey(trigram));
	return [...keys];
}

/** `search_keys` as PostgreSQL's array literal, for COPY and bulk inserts. */
export function searchKeysLiteral(text: {substringText: string; wordStarts: string}): string {
	return `{${searchKeysOf(text).join(',')}}`;
}

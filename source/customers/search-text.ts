/**
 * The one normalization behind customer search: what is stored and what is typed go
 * through the same functions, so a match in an index is a match in the re-check.
 */

const combiningMarks = /\p{M}+/gu;
const whitespace = /\s+/gu;
const wordCharacters = /[\p{L}\p{N}]+/gu;
// Han, Hiragana, Katakana and Hangul are written without spaces: each character is a word
// of its own, so a two-character term finds a given name inside a full name.
const spacelessScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const plainAscii = /^[\x20-\x7e]*$/;

/** Lower case, accents removed (é → e, ü → u), runs of white space folded to one space. */
export function foldText(text: string): string {
	// Most stored text is plain ASCII: skip Unicode normalization, the costliest step on import.
	if (plainAscii.test(text)) return text.includes('  ') ? text.toLowerCase().replace(whitespace, ' ').trim() : text.toLowerCase().trim();
	return text.normalize('NFKD').replace(combiningMarks, '').toLowerCase().replace(whitespace, ' ').trim();
}

const asciiWordCharacters = /[a-z0-9]+/g;

/** The words of a folded text, splitting scripts written without spaces into characters. */
export function wordsOf(folded: string): string[] {
	if (plainAscii.test(folded)) return folded.match(asciiWordCharacters) ?? [];
	const words: string[] = [];
	for (const match of folded.matchAll(wordCharacters)) {
		const word = match[0];
		if (!spacelessScript.test(word)) {
			words.push(word);
			continue;
		}
		let run = '';
		for (const character of word) {
			if (spacelessScript.test(character)) {
				if (run) words.push(run);
				run = '';
				words.push(character);
			} else {
				run += character;
			}
		}
		if (run) words.push(run);
	}
	return words;
}

export type SearchableFields = {name: string; company: string; email: string; phone: string};

/**
 * A name and company folded, and their words: the search text, the name key and the
 * duplicate keys (match-columns.ts) all start from these, so a bulk load folds them once a row.
 */
export type FoldedNames = {name: string; company: string; nameWords: string[]; companyWords: string[]};

export function foldNames(fields: {name: string; company: string}): FoldedNames {
	const name = foldText(fields.name);
	const company = foldText(fields.company);
	return {name, company, nameWords: wordsOf(name), companyWords: wordsOf(company)};
}

/**
 * Stored per customer, in three lines. Substring terms (3+ characters) are matched in the
 * first: name, company, email and the phone's digits, folded, separated by tabs so no match
 * spans two fields ("5551234" finds "+1 (555) 123-4567"). Short terms are matched as word
 * prefixes in the second, which lists every word with a space before it. The third holds
 * the word starts of the second (wordStartsOf). The first and third go into the search
 * index (customer-search-index.ts); every hit is re-checked against the whole text.
 */
export function searchTextOf(fields: SearchableFields, names: FoldedNames = foldNames(fields)): {searchText: string; substringText: string; searchWords: string; wordStarts: string} {
	const {name, company} = names;
	const email = foldText(fields.email);
	const phone = foldText(fields.phone);
	const substringText = `${name}\t${company}\t${email}\t${fields.phone.replace(/\D+/g, '')}`;
	// Per field: most fields are ASCII and take wordsOf's fast path even when one is not.
	const searchWords = [...names.nameWords, ...names.companyWords, ...wordsOf(email), ...wordsOf(phone)].join(' ');
	const wordStarts = wordStartsOf(searchWords);
	return {searchText: `${substringText}\n ${searchWords}\n${wordStarts}`, substringText, searchWords, wordStarts};
}

/**
 * Marks the start of a word in the search index's second column: a word starting with "mu"
 * is written `\u0001\u0001mu`, whose trigrams `\u0001\u0001m` and `\u0001mu` say "a word
 * starts with m" and "a word starts with mu". The trigram index then answers one- and
 * two-character word prefixes too, so a search mixing long and short terms ("anna m") is
 * one full-text query that FTS5 intersects itself, in rank order. No typed term holds the
 * marker (parseSearch drops control characters), so the trigrams made across two of these
 * never match a query, and a re-check never matches inside this line (every three
 * characters of it hold a marker, and it has no space).
 */
export const wordStartMark = '\u0001';

/** The word starts of a `searchWords` line, each once, for the index's second column. */
export function wordStartsOf(searchWords: string): string {
	const mark = wordStartMark + wordStartMark;
	let starts = '';
	const length = searchWords.length;
	for (let start = 0; start < length;) {
		let end = searchWords.indexOf(' ', start);
		if (end === -1) end = length;
		if (end > start) {
			// One or two characters, a surrogate pair counting as one.
			let take = isHighSurrogate(searchWords.charCodeAt(start)) ? 2 : 1;
			if (start + take < end) take += isHighSurrogate(searchWords.charCodeAt(start + take)) ? 2 : 1;
			const piece = mark + searchWords.slice(start, start + take);
			// Pieces start with the only two marks in a row, so a match is that piece, or a longer
			// one starting with it (whose trigrams include the shorter piece's): skipping is exact.
			if (!starts.includes(piece)) starts += piece;
		}
		start = end + 1;
	}
	return starts;
}

function isHighSurrogate(unit: number): boolean {
	return unit >= 0xd800 && unit <= 0xdbff;
}

/** Sort key for name order: folded, so "Émile" sorts with "Emile" and case is ignored. */
export function nameKeyOf(name: string): string {
	return foldText(name);
}

/** How a typed term is matched: as a substring (3+ characters) or as a word prefix. */
export type SearchTerm =
	| {kind: 'substring'; text: string}
	| {kind: 'word-prefix'; words: string[]};

/** Digits and what phone numbers are written with around them: `+49 (89) 2180-4411`, `555.0133`. */
const phoneWriting = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/u;
const nonDigits = /\D+/g;

/** A letter or a digit: every term holds one (wordsOf keeps words of these only). */
const searchable = /[\p{L}\p{N}]/u;

/**
 * Splits what the user typed into terms that must all match (any order). A phone number as
 * it is written or pasted (`+49 89 2180 4411`, `(212) 555-0133`) is its digits in a row, as
 * the search text stores a phone; a term of digits and such marks alone (`555-01`) is its digits.
 * A written word without a letter or digit (`🏢`, `%`, `!!!`, `--`) is no term, whatever its
 * length: a search of only such words has no terms (hasNothingToSearch).
 */
export function parseSearch(input: string): SearchTerm[] {
	// Nothing stored holds a control character where a term could match it, and the index marks word starts with one.
	const typed = input.replace(/\p{Cc}+/gu, ' ').trim();
	if (phoneWriting.test(typed) && /[^\d]/.test(typed)) {
		const digits = typed.replace(nonDigits, '');
		if (digits.length >= 3) return [{kind: 'substring', text: digits}];
	}
	const terms: SearchTerm[] = [];
	for (const written of foldText(typed).split(' ')) {
		const part = phoneWriting.test(written) ? written.replace(nonDigits, '') : written;
		if (!part || !searchable.test(part)) continue;
		if ([...part].length >= 3) {
			terms.push({kind: 'substring', text: part});
			continue;
		}
		const words = wordsOf(part);
		if (words.length > 0) terms.push({kind: 'word-prefix', words});
	}
	return terms;
}

/** Why a search with no terms is refused, after what names it (`--search "🏢": `, `search: `). */
export const nothingToSearchFor = 'nothing to search for: give letters or digits';

/** No search at all: nothing but blanks typed (or none given). The whole list, not a search. */
export function isBlankSearch(input: string | undefined): boolean {
	return input === undefined || input.trim() === '';
}

/**
 * A search typed that has nothing to search for: not blank, yet no terms (`🏢`, `%`, `!!!`,
 * `"'"`). It matches no one, never everyone: the list shows no match, and a command line
 * refuses it (commands/search-flag.ts) rather than act on every customer.
 */
export function hasNothingToSearch(input: string | undefined): boolean {
	return !isBlankSearch(input) && parseSearch(input!).length === 0;
}

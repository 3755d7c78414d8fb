import {cityKey, companyKeyOf, emailKey, nameTokensOf, phoneKey} from './match-values.js';
import {foldNames, type FoldedNames} from '../customers/search-text.js';

/**
 * The blocking keys of a customer, kept in indexed columns of `customers` (migration 8) and
 * written with every insert and edit, where the other stored columns are computed. Two
 * customers become a candidate pair when they share one: the same mailbox, the same phone
 * line, or a name word within the same company or city. A name's smallest and largest word
 * (in sort order, so "Müller, Anna" and "Anna Müller" agree) each make a key: a typo in one
 * word still leaves the other. Scoring (pair-score.ts) then decides what the pair is worth.
 */
export type MatchColumns = {
	match_email: string;
	match_phone: string;
	match_company: string;
	match_city: string;
	match_name_a: string;
	match_name_b: string;
};

export const matchColumnNames = ['match_email', 'match_phone', 'match_company', 'match_city', 'match_name_a', 'match_name_b'] as const;

export type MatchSource = {name: string; company: string; email: string; phone: string; city: string; country: string};

export function matchColumnsOf(fields: MatchSource, names: FoldedNames = foldNames(fields)): MatchColumns {
	const [first, last] = nameKeys(nameTokensOf(names.nameWords));
	return {
		match_email: emailKey(fields.email),
		match_phone: phoneKey(fields.phone, fields.country),
		match_company: companyKeyOf(names.companyWords),
		match_city: cityKey(fields.city),
		match_name_a: first,
		match_name_b: last,
	};
}

/** The smallest and largest word of a name; initials only when the name has nothing else (Chinese names are a character a word). */
function nameKeys(tokens: readonly string[]): [string, string] {
	const words = tokens.some(token => [...token].length > 1) ? tokens.filter(token => [...token].length > 1) : [...tokens];
	if (words.length === 0) return ['', ''];
	const sorted = [...new Set(words)].sort();
	return [sorted[0]!, sorted.at(-1)!];
}

/**
 * The slots a candidate pair can share, each one index: a key alone (email, phone) or a place
 * with a name word. A group larger than `largestGroup` (a switchboard number, "Smith" in a
 * city of thousands) is left out of the scan: no one reviews two thousand pairs of it.
 */
export const matchSlots = [
	{id: 'email', columns: ['match_email']},
	{id: 'phone', columns: ['match_phone']},
	{id: 'company-a', columns: ['match_company', 'match_name_a']},
	{id: 'company-b', columns: ['match_company', 'match_name_b']},
	{id: 'city-a', columns: ['match_city', 'match_name_a']},
	{id: 'city-b', columns: ['match_city', 'match_name_b']},
] as const;

export const largestGroup = 64;

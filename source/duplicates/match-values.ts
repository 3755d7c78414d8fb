import {parsePhoneNumberFromString} from 'libphonenumber-js/min';
import metadata from 'libphonenumber-js/min/metadata';
import {foldText, wordsOf} from '../customers/search-text.js';
import {regionOf} from './country-region.js';

/**
 * What duplicate detection compares, made the same way for every customer: two customers
 * whose emails, phones or names only look different (case, `+tags`, phone formatting,
 * accents) get equal values here.
 */

/**
 * An email as the mailbox it reaches: lower case, without the `+tag` most providers ignore
 * (`Anna+newsletter@Example.com` → `anna@example.com`); Gmail also ignores dots in the name
 * and answers for googlemail.com.
 */
export function emailKey(email: string): string {
	const address = email.trim().toLowerCase();
	const at = address.lastIndexOf('@');
	if (at <= 0) return address;
	let local = address.slice(0, at);
	let domain = address.slice(at + 1);
	const plus = local.indexOf('+');
	if (plus > 0) local = local.slice(0, plus);
	if (domain === 'googlemail.com') domain = 'gmail.com';
	if (domain === 'gmail.com') local = local.replaceAll('.', '');
	return `${local}@${domain}`;
}

/**
 * A phone number in E.164 (`+49301234567`), read with the customer's country as the region of
 * a national number, by libphonenumber-js. A number it cannot place (no country, too short)
 * keeps its digits, so two customers with the same odd number still match; an extension
 * (`x12`) is left out: the line is the same.
 */
export function phoneKey(phone: string, country: string): string {
	const text = phone.trim();
	if (!text) return '';
	const line = text.replace(/\s*(?:x|ext\.?)\s*\d+\s*$/iu, '');
	const parsed = noCallingCode(line) ? undefined : parsePhoneNumberFromString(line, regionOf(country));
	if (parsed?.isPossible()) return parsed.number;
	const digits = line.replace(/\D+/g, '');
	return digits.length >= 6 ? `${line.trimStart().startsWith('+') ? '+' : ''}${digits}` : '';
}

/** Every country calling code libphonenumber-js knows (its metadata's own list). */
const callingCodes = new Set(Object.keys(metadata.country_calling_codes));
const plainInternational = /^\+[\d\s().-]+$/;

/**
 * A number written `+digits…` whose first one, two or three digits are no calling code:
 * libphonenumber-js reads the code exactly so and, finding none, gives up, but only after
 * building and catching an error, which made such a number cost 55 µs against 21 µs for one
 * it reads (a million-row import or seed reads a million phones).
 */
function noCallingCode(line: string): boolean {
	if (!plainInternational.test(line)) return false;
	const digits = line.slice(1).replace(/\D+/g, '');
	for (let length = 1; length <= 3 && length <= digits.length; length++) {
		if (callingCodes.has(digits.slice(0, length))) return false;
	}
	return true;
}

/** Salutations and letters after a name that say nothing about who it is. */
const nameNoise = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'herr', 'frau', 'mme', 'mlle', 'sr', 'sra', 'jr', 'phd']);

/**
 * A folded word as German, Swedish and Danish writers spell it on a keyboard without umlauts
 * ("Mueller", "Joerg", "Muenchen", "Soeren", "Strauss") and as folding spells the umlaut
 * ("muller", "jorg", "munchen"; ø, æ, ß and ł have no accent to drop): both become the same. Applied to every word compared, so "Manuel" and
 * "Manuel" still agree; a name that truly differs only in that "e" is rare.
 */
export function umlautFold(word: string): string {
	// Most words have nothing to fold: one test instead of five replacements (a million-row import folds every name, company and city word).
	if (!foldable.test(word)) return word;
	return word.replace(/ß/gu, 'ss').replace(/ø/gu, 'o').replace(/æ/gu, 'a').replace(/ł/gu, 'l').replace(/([aou])e/gu, '$1');
}

const foldable = /[ßøæł]|[aou]e/u;

/** The words of a name, folded and accent-free (`"Müller, Anna"` → `["muller", "anna"]`), without salutations. */
export function nameTokens(name: string): string[] {
	return nameTokensOf(wordsOf(foldText(name)));
}

/** The same, from the words of the folded name (foldNames in search-text.ts). */
export function nameTokensOf(words: readonly string[]): string[] {
	return words.filter(token => !nameNoise.has(token)).map(umlautFold);
}

/** Words that only say what kind of company it is: "Acme GmbH", "ACME Inc." and "Acme" are one company. */
const legalForms = new Set([
	'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'ev', 'se', 'co', 'kgaa', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
	'sa', 'sas', 'sarl', 'sl', 'srl', 'spa', 'bv', 'nv', 'ab', 'as', 'asa', 'oy', 'aps', 'kk', 'sp', 'zoo', 'sro', 'the', 'and', 'und', 'et', 'y',
]);

/** A company as compared: folded, without punctuation and legal forms ("Müller GmbH & Co. KG" → "muller"). */
export function companyKey(company: string): string {
	return companyKeyOf(wordsOf(foldText(company)));
}

/** The same, from the words of the folded company (foldNames in search-text.ts). */
export function companyKeyOf(folded: readonly string[]): string {
	const words = folded.map(umlautFold);
	const kept = words.filter(word => !legalForms.has(word));
	return (kept.length > 0 ? kept : words).join(' ');
}

/** A city as compared: folded, punctuation as spaces ("Frankfurt a. M." and "frankfurt a m" are one). */
export function cityKey(city: string): string {
	return wordsOf(foldText(city)).map(umlautFold).join(' ');
}

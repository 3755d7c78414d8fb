import {exportColumns, type CsvColumn} from '../customers/customer-csv-header.js';
import {contentLine, type ContentLine, type RawLine} from './vcard-lines.js';

/** A card as an opsdesk export row (columns `exportColumns`), or why it cannot be one; `line` is its BEGIN:VCARD. */
export type CardRecord = {line: number; record: string[]} | {line: number; reason: string};

const versions = new Set(['2.1', '3.0', '4.0']);
/** Properties that carry pictures, sounds or keys: never decoded, never kept. */
const ignored = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);

/**
 * Cards of a file, in order: BEGIN:VCARD … END:VCARD with their properties. A card that
 * never ends, has no or an unknown VERSION, or holds a line that is no property is reported
 * at its BEGIN line; the cards around it are read as usual. Text outside cards is an error
 * at its line, as a stray row is in a CSV file.
 */
export function* cardRecords(lines: readonly RawLine[]): Generator<CardRecord> {
	let card: {line: number; properties: ContentLine[]; problem?: string} | undefined;
	for (const raw of lines) {
		const property = contentLine(raw);
		const name = property?.name;
		if (name === 'BEGIN' && property!.value.trim().toUpperCase() === 'VCARD') {
			if (card) yield {line: card.line, reason: 'the card never ends (no END:VCARD before the next BEGIN:VCARD)'};
			card = {line: raw.line, properties: []};
			continue;
		}
		if (name === 'END' && property!.value.trim().toUpperCase() === 'VCARD') {
			if (!card) yield {line: raw.line, reason: 'END:VCARD without a BEGIN:VCARD'};
			else yield cardRecord(card);
			card = undefined;
			continue;
		}
		if (!card) {
			if (raw.text.trim() !== '') yield {line: raw.line, reason: 'text outside a card (a vCard starts with BEGIN:VCARD)'};
			continue;
		}
		if (!property) card.problem ??= `line ${raw.line} is not a vCard property (NAME:value)`;
		else if (!ignored.has(property.name)) card.properties.push(property);
	}
	if (card) yield {line: card.line, reason: 'the card never ends (the file ends before END:VCARD)'};
}

function cardRecord(card: {line: number; properties: ContentLine[]; problem?: string}): CardRecord {
	if (card.problem) return {line: card.line, reason: card.problem};
	const version = card.properties.find(property => property.name === 'VERSION')?.value.trim();
	if (version === undefined) return {line: card.line, reason: 'the card has no VERSION'};
	if (!versions.has(version)) return {line: card.line, reason: `vCard version "${version.slice(0, 10)}" is not 2.1, 3.0 or 4.0`};
	const fields = cardFields(card.properties);
	return {line: card.line, record: exportColumns.map(column => fields.get(column) ?? '')};
}

/**
 * FN (else N's given, middle and family names, else ORG) → name; ORG → company; the
 * preferred (else the first) EMAIL, TEL and ADR → email, phone, address, city and country;
 * NOTE → notes; CATEGORIES → tags. Every other email, phone and address becomes a notes line
 * (`Email (home): …`), so nothing a card says about reaching the person is lost.
 */
function cardFields(properties: readonly ContentLine[]): Map<CsvColumn, string> {
	const fields = new Map<CsvColumn, string>();
	const all = (name: string) => properties.filter(property => property.name === name);
	const names = components(all('N')[0]?.value ?? '');
	const org = components(all('ORG')[0]?.value ?? '')[0] ?? '';
	const formatted = unescape(all('FN')[0]?.value ?? '').trim();
	fields.set('name', formatted || [names[1], names[2], names[0]].map(part => part?.trim()).filter(Boolean).join(' ') || org);
	fields.set('company', org);
	const noteLines: string[] = all('NOTE').map(note => unescape(note.value).trim()).filter(Boolean);
	const [email, ...otherEmails] = preferredFirst(all('EMAIL'));
	fields.set('email', email ? unescape(email.value).trim() : '');
	for (const other of otherEmails) noteLines.push(`Email${typesOf(other)}: ${unescape(other.value).trim()}`);
	const [phone, ...otherPhones] = preferredFirst(all('TEL'));
	fields.set('phone', phone ? phoneText(phone.value) : '');
	for (const other of otherPhones) noteLines.push(`Phone${typesOf(other)}: ${phoneText(other.value)}`);
	const [address, ...otherAddresses] = preferredFirst(all('ADR'));
	if (address) {
		const [poBox, extended, street, city, region, postalCode, country] = components(address.value).map(part => part.trim());
		fields.set('address', [street, extended, poBox, [postalCode, region].filter(Boolean).join(' ')].filter(Boolean).join('\n'));
		fields.set('city', city ?? '');
		fields.set('country', country ?? '');
	}
	for (const other of otherAddresses) {
		const text = components(other.value).map(part => part.trim().replaceAll('\n', ', ')).filter(Boolean).join(', ');
		if (text) noteLines.push(`Address${typesOf(other)}: ${text}`);
	}
	fields.set('notes', noteLines.join('\n'));
	const tags = all('CATEGORIES').flatMap(property => listItems(property.value)).map(tag => tag.replace(/^\*\s+/u, ''));
	fields.set('tags', [...new Set(tags)].filter(tag => tag && tag.toLowerCase() !== 'mycontacts').join(';'));
	return fields;
}

/** PREF=1 (4.0), TYPE=pref (3.0) or a bare PREF (2.1) first; otherwise the order of the card. */
function preferredFirst(properties: readonly ContentLine[]): ContentLine[] {
	const rank = (property: ContentLine) => {
		const pref = property.params.get('PREF')?.[0];
		if (pref !== undefined) return Number(pref) || 1;
		return (property.params.get('TYPE') ?? []).some(type => type.toLowerCase() === 'pref') ? 1 : 101;
	};
	return [...properties].sort((a, b) => rank(a) - rank(b));
}

/** ` (work)`, ` (home)`: the kinds a card gives, without the technical ones. */
function typesOf(property: ContentLine): string {
	const technical = new Set(['pref', 'internet', 'voice', 'x400', 'quoted-printable', 'text']);
	const types = (property.params.get('TYPE') ?? []).map(type => type.toLowerCase()).filter(type => !technical.has(type));
	const label = property.params.get('LABEL')?.[0];
	return types.length > 0 ? ` (${types.join(', ')})` : label ? ` (${label})` : '';
}

/** A TEL value: text, or a `tel:` URI (4.0). */
function phoneText(value: string): string {
	return unescape(value).trim().replace(/^tel:/iu, '').replace(/;ext=(\d+)$/iu, ' x$1');
}

/** Structured value components (N, ADR, ORG), split at `;` not escaped, each unescaped. */
function components(value: string): string[] {
	return splitUnescaped(value, ';').map(unescape);
}

/** A list value (CATEGORIES), split at `,` not escaped. */
function listItems(value: string): string[] {
	return splitUnescaped(value, ',').map(item => unescape(item).trim()).filter(Boolean);
}

function splitUnescaped(value: string, separator: string): string[] {
	const parts: string[] = [];
	let current = '';
	for (let at = 0; at < value.length; at++) {
		const character = value[at]!;
		if (character === '\\' && at + 1 < value.length) {
			current += character + value[at + 1];
			at++;
		} else if (character === separator) {
			parts.push(current);
			current = '';
		} else {
			current += character;
		}
	}
	parts.push(current);
	return parts;
}

/** `\n` `\N` → line break, `\,` `\;` `\\` → the character (RFC 6350 section 3.4). */
function unescape(value: string): string {
	return value.replace(/\\([nN,;\\:])/gu, (_, character: string) => (character === 'n' || character === 'N' ? '\n' : character)).replace(/\r\n?/gu, '\n');
}

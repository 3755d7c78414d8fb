import type {Customer} from '../customers/customer-fields.js';

/**
 * A customer as a vCard 4.0 (RFC 6350): FN, N (the last word as the family name, as most
 * address books guess too), ORG, EMAIL, TEL (as text, the way it was typed), ADR (the address
 * as its street, with city and country), NOTE, CATEGORIES (the tags), REV and a UID that
 * stays with the customer. Text is escaped (`\\` `\n` `\,` `\;`), lines are folded at 75
 * octets without splitting a character, and end in CRLF.
 */
export function customerCard(customer: Customer): string {
	const lines = ['BEGIN:VCARD', 'VERSION:4.0', 'PRODID:-//opsdesk//opsdesk customers//EN', `UID:urn:opsdesk:customer:${customer.id}`];
	lines.push(`FN:${text(customer.name, false)}`);
	const words = customer.name.trim().split(/\s+/u);
	const family = words.length > 1 ? words.at(-1)! : customer.name.trim();
	const given = words.length > 1 ? words.slice(0, -1).join(' ') : '';
	lines.push(`N:${text(family)};${text(given)};;;`);
	if (customer.company) lines.push(`ORG:${text(customer.company)}`);
	if (customer.email) lines.push(`EMAIL;TYPE=work:${text(customer.email, false)}`);
	if (customer.phone) lines.push(`TEL;VALUE=text;TYPE=voice:${text(customer.phone, false)}`);
	if (customer.address || customer.city || customer.country) lines.push(`ADR;TYPE=work:;;${text(customer.address)};${text(customer.city)};;;${text(customer.country)}`);
	if (customer.notes) lines.push(`NOTE:${text(customer.notes, false)}`);
	if (customer.tags.length > 0) lines.push(`CATEGORIES:${customer.tags.map(tag => text(tag, false)).join(',')}`);
	lines.push(`REV:${customer.updated_at.replace(/[-:]/gu, '').replace(/\.\d+/u, '')}`);
	lines.push('END:VCARD');
	return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * A text value with the characters vCard gives meaning escaped (RFC 6350 section 3.4): `;`
 * only inside a structured value (N, ORG, ADR), where it separates the parts.
 */
function text(value: string, structured = true): string {
	return value.replace(structured ? /[\\,;]/gu : /[\\,]/gu, character => `\\${character}`).replace(/\r\n|\r|\n/gu, '\\n');
}

/** Lines longer than 75 octets continue on lines starting with a space (RFC 6350 section 3.2). */
function fold(line: string): string {
	if (Buffer.byteLength(line) <= 75) return line;
	const pieces: string[] = [];
	let piece = '';
	let octets = 0;
	for (const character of line) {
		const size = Buffer.byteLength(character);
		// The first line holds 75 octets; each continuation 74 after its leading space.
		if (octets + size > (pieces.length === 0 ? 75 : 74)) {
			pieces.push(piece);
			piece = '';
			octets = 0;
		}
		piece += character;
		octets += size;
	}
	pieces.push(piece);
	return pieces.join('\r\n ');
}

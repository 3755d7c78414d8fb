import ICAL from 'ical.js';
import {describe, expect, it} from 'vitest';
import {customerCard} from '../../source/moving-in/vcard-writer.js';
import {cardRecords} from '../../source/moving-in/vcard-cards.js';
import {logicalLines, physicalLines} from '../../source/moving-in/vcard-lines.js';
import {exportColumns} from '../../source/customers/customer-csv-header.js';
import type {Customer} from '../../source/customers/customer-fields.js';

const customer: Customer = {
	id: 42, name: 'Jörg Müller-Lüdenscheidt', company: 'Müller; Söhne, KG', email: 'j.mueller@example.de', phone: '+49 89 2180 4411',
	address: 'Leopoldstraße 118\nHinterhaus, 2. Stock', city: 'München', country: 'Germany', status: 'active', tags: ['b2b', 'a,b'],
	notes: `Back\\slash; semi, comma\n${'Lange Notiz mit Umlauten äöü und 王小明 '.repeat(6).trim()}`,
	created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-03-05T10:15:00.000Z', deleted_at: null, version: 3,
};

describe('writing vCard 4.0', () => {
	const card = customerCard(customer);

	it('folds at 75 octets without splitting a character, with CRLF line ends', () => {
		const lines = card.split('\r\n');
		expect(lines.at(-1)).toBe('');
		for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
		expect(card).not.toMatch(/[^\r]\n/);
		expect(card).not.toContain('\uFFFD');
	});

	it('is read back by Mozilla\'s ical.js as the same customer', () => {
		const vcard = new ICAL.Component(ICAL.parse(card));
		expect(vcard.getFirstPropertyValue('version')).toBe('4.0');
		expect(vcard.getFirstPropertyValue('fn')).toBe(customer.name);
		expect(vcard.getFirstPropertyValue('n')).toEqual(['Müller-Lüdenscheidt', 'Jörg', '', '', '']);
		expect(vcard.getFirstPropertyValue('org')).toBe(customer.company);
		expect(vcard.getFirstPropertyValue('email')).toBe(customer.email);
		expect(vcard.getFirstPropertyValue('tel')).toBe(customer.phone);
		expect(vcard.getFirstPropertyValue('adr')).toEqual(['', '', customer.address, 'München', '', '', 'Germany']);
		expect(vcard.getFirstPropertyValue('note')).toBe(customer.notes);
		expect(vcard.getFirstProperty('categories')!.getValues()).toEqual(customer.tags);
	});

	it('is read back by opsdesk\'s own import as the same fields', () => {
		const [read] = [...cardRecords(logicalLines(physicalLines(Buffer.from(card + customerCard({...customer, id: 43, name: 'Second'})))))];
		expect(read).toMatchObject({line: 1});
		const record = (read as {record: string[]}).record;
		const field = (name: (typeof exportColumns)[number]) => record[exportColumns.indexOf(name)];
		expect([field('name'), field('company'), field('email'), field('phone'), field('address'), field('city'), field('country'), field('notes'), field('tags')])
			.toEqual([customer.name, customer.company, customer.email, customer.phone, customer.address, customer.city, customer.country, customer.notes, 'b2b;a,b']);
	});
});

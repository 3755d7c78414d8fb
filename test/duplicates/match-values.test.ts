import {describe, expect, it} from 'vitest';
import {parsePhoneNumberFromString} from 'libphonenumber-js/min';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {cityKey, companyKey, emailKey, nameTokens, phoneKey} from '../../source/duplicates/match-values.js';
import {regionOf} from '../../source/duplicates/country-region.js';
import {matchColumnsOf} from '../../source/duplicates/match-columns.js';

describe('what duplicate detection compares', () => {
	it('reads an email as the mailbox it reaches', () => {
		expect(emailKey('Anna.Mueller+Newsletter@Example.COM ')).toBe('anna.mueller@example.com');
		expect(emailKey('anna.mueller@example.com')).toBe('anna.mueller@example.com');
		expect(emailKey('J.O.Smith+work@GoogleMail.com')).toBe('josmith@gmail.com');
		// A + at the very start is the address itself, not a tag.
		expect(emailKey('+shared@example.com')).toBe('+shared@example.com');
		expect(emailKey('')).toBe('');
	});

	it('reads a phone in E.164 with the customer country as the region of a national number', () => {
		expect(phoneKey('+49 30 1234567', 'Germany')).toBe('+49301234567');
		expect(phoneKey('030 / 123 45 67', 'Deutschland')).toBe('+49301234567');
		expect(phoneKey('(030) 1234567', 'DE')).toBe('+49301234567');
		expect(phoneKey('0049 30 1234567', 'DEU')).toBe('+49301234567');
		expect(phoneKey('(415) 555-1212', 'United States')).toBe('+14155551212');
		expect(phoneKey('+1 415.555.1212 x23', 'Allemagne')).toBe('+14155551212');
		expect(phoneKey('+44 (0)20 7946 0958', '')).toBe('+442079460958');
		// No region to read a national number with: its digits, so equal odd numbers still meet.
		expect(phoneKey('030 1234567', '')).toBe('0301234567');
		expect(phoneKey('12', 'DE')).toBe('');
	});

	it('reads a number whose calling code does not exist as its digits, as libphonenumber-js does, on thousands of numbers', () => {
		// No 1-3 digit calling code starts with 0, 28 or 289.
		expect(phoneKey('+0 301 1234567', 'DE')).toBe('+03011234567');
		expect(phoneKey('+289 (555) 12-34', 'US')).toBe('+2895551234');
		const numbers = [...syntheticCustomers(4000, 7)].map(customer => [customer.phone, customer.country] as const);
		for (const code of ['0', '28', '289', '1', '7', '44', '998', '800']) numbers.push([`+${code} 555 0100`, 'US'], [`+${code}-55.(50)1`, '']);
		let unplaced = 0;
		for (const [phone, country] of numbers) {
			// What the library itself reads, with the same fallback for what it cannot place.
			const read = parsePhoneNumberFromString(phone, regionOf(country));
			if (!read) unplaced++;
			const digits = phone.replace(/\D+/g, '');
			const expected = read?.isPossible() ? read.number : digits.length >= 6 ? `+${digits}` : '';
			expect(phoneKey(phone, country), `${phone} (${country})`).toBe(expected);
		}
		// The comparison covers numbers the library could not place.
		expect(unplaced).toBeGreaterThan(100);
	});

	it('knows countries by code and by name in several languages', () => {
		expect(['DE', 'de', 'DEU', 'Germany', 'germany', 'Deutschland', 'Allemagne', 'Alemania', 'ドイツ'].map(regionOf)).toEqual(Array(9).fill('DE'));
		expect(['USA', 'United States', 'U.S.A.', 'Vereinigte Staaten', "États-Unis d'Amérique"].map(regionOf)).toEqual(Array(5).fill('US'));
		expect(['UK', 'England', 'United Kingdom'].map(regionOf)).toEqual(Array(3).fill('GB'));
		expect(regionOf('Atlantis')).toBeUndefined();
		expect(regionOf('')).toBeUndefined();
	});

	it('folds names, companies and cities: accents, case, order, salutations and legal forms', () => {
		expect(nameTokens('Dr. Jörg MÜLLER')).toEqual(['jorg', 'muller']);
		expect(nameTokens('Müller, Anna')).toEqual(['muller', 'anna']);
		expect(companyKey('Müller Maschinenbau GmbH & Co. KG')).toBe('muller maschinenbau');
		expect(companyKey('ACME Inc.')).toBe(companyKey('Acme'));
		expect(companyKey('GmbH')).toBe('gmbh');
		expect(cityKey('Frankfurt a. M.')).toBe(cityKey('frankfurt a m'));
		expect(cityKey('  München ')).toBe('munchen');
	});

	it('reads umlauts typed without them as the umlauts: Mueller is Müller, Soeren is Søren, Strauss is Strauß', () => {
		expect(nameTokens('Joerg Mueller')).toEqual(nameTokens('Jörg Müller'));
		expect(nameTokens('Soeren Aebelø')).toEqual(nameTokens('Søren Æbeløe'));
		expect(nameTokens('Johann Strauss')).toEqual(nameTokens('Johann Strauß'));
		expect(cityKey('Muenchen')).toBe(cityKey('München'));
		expect(cityKey('Koeln')).toBe(cityKey('Köln'));
		expect(companyKey('Mueller Maschinenbau GmbH')).toBe(companyKey('Müller Maschinenbau'));
		expect(nameTokens('Anna Müller')).not.toEqual(nameTokens('Anna Miller'));
	});

	it('makes the same blocking keys for one person written two ways', () => {
		const written = matchColumnsOf({name: 'Anna Müller', company: 'Acme GmbH', email: 'anna@acme.example', phone: '+49 30 1234567', city: 'Berlin', country: 'DE'});
		const again = matchColumnsOf({name: 'MUELLER, anna', company: 'ACME', email: 'Anna+crm@ACME.example', phone: '030 1234567', city: 'berlin', country: 'Germany'});
		expect(again.match_email).toBe(written.match_email);
		expect(again.match_phone).toBe(written.match_phone);
		expect(again.match_company).toBe(written.match_company);
		expect(again.match_city).toBe(written.match_city);
		expect([again.match_name_a, again.match_name_b]).toEqual(['anna', 'muller']);
		expect([written.match_name_a, written.match_name_b]).toEqual(['anna', 'muller']);
		expect(matchColumnsOf({name: '王小明', company: '', email: '', phone: '', city: '', country: ''})).toMatchObject({match_name_a: '小', match_name_b: '王'});
	});
});

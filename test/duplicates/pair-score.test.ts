import {describe, expect, it} from 'vitest';
import {matchColumnsOf, type MatchSource} from '../../source/duplicates/match-columns.js';
import {describeReason, scorePair, type MatchProfile} from '../../source/duplicates/pair-score.js';
import {nameSimilarity} from '../../source/duplicates/name-similarity.js';
import {nameTokens} from '../../source/duplicates/match-values.js';

let ids = 0;
function person(fields: Partial<MatchSource>): MatchProfile {
	const full = {name: '', company: '', email: '', phone: '', city: '', country: '', ...fields};
	return {id: ++ids, name: full.name, ...matchColumnsOf(full)};
}

const anna = person({name: 'Anna Müller', company: 'Acme GmbH', email: 'anna.mueller@acme.example', phone: '+49 30 1234567', city: 'Berlin', country: 'DE'});

describe('scoring a candidate pair', () => {
	it('scores names by Jaro-Winkler on folded words, in any order, initials for words', () => {
		const similarity = (a: string, b: string) => nameSimilarity(nameTokens(a), nameTokens(b));
		expect(similarity('Anna Müller', 'ANNA MULLER')).toBe(1);
		expect(similarity('Anna Müller', 'Müller, Anna')).toBeGreaterThan(0.97);
		expect(similarity('Anna Müller', 'Anna Mülelr')).toBeGreaterThan(0.9);
		expect(similarity('A. Müller', 'Anna Müller')).toBeGreaterThan(0.9);
		expect(similarity('Anna Müller', 'Pierre Dubois')).toBeLessThan(0.6);
	});

	it('puts planted duplicates above 0.85: typos, case, +tags, reformatted phones, missing fields', () => {
		const duplicates = [
			person({name: 'anna müller', email: 'Anna.Mueller+crm@acme.example', country: 'DE'}),
			person({name: 'Anna Mülelr', phone: '030 1234567', country: 'Germany'}),
			person({name: 'ANNA MUELLER', company: 'ACME', phone: '(030) 123 45 67', city: 'Berlin', country: 'DE'}),
			person({name: 'Anna Muller', company: 'Acme', city: 'berlin'}),
			person({name: 'Müller, Anna', email: 'anna.mueller@acme.example', phone: '+49 40 9999999', country: 'DE'}),
		];
		for (const duplicate of duplicates) expect(scorePair(anna, duplicate).score, duplicate.name).toBeGreaterThanOrEqual(0.85);
	});

	it('keeps colleagues, namesakes and shared mailboxes below 0.85', () => {
		const others = [
			// A colleague on the switchboard number.
			person({name: 'Pierre Dubois', company: 'Acme GmbH', phone: '+49 30 1234567', city: 'Berlin', country: 'DE', email: 'pierre@acme.example'}),
			// A shared mailbox.
			person({name: 'Jamal Haddad', company: 'Acme GmbH', email: 'anna.mueller@acme.example'}),
			// A namesake in the same city with her own email and phone.
			person({name: 'Anna Müller', company: 'Nordwind AG', email: 'a.mueller@nordwind.example', phone: '+49 30 7654321', city: 'Berlin', country: 'DE'}),
			// A similar name at the same company, with her own contacts.
			person({name: 'Anja Müller', company: 'Acme GmbH', email: 'anja.mueller@acme.example', phone: '+49 30 1234568', city: 'Berlin', country: 'DE'}),
		];
		for (const other of others) expect(scorePair(anna, other).score, other.name).toBeLessThan(0.85);
	});

	it('says why, in words', () => {
		const duplicate = person({name: 'anna müller', company: 'ACME', email: 'anna.mueller+x@acme.example', city: 'Berlin'});
		const {reasons} = scorePair(anna, duplicate);
		expect(reasons.map(describeReason)).toEqual([
			'same email anna.mueller@acme.example (ignoring case and +tags)', 'same name', 'same company "acme"', 'same city "berlin"',
		]);
	});
});

import {nameTokens} from './match-values.js';
import {nameSimilarity} from './name-similarity.js';
import type {MatchColumns} from './match-columns.js';

/** What scoring reads of a customer: its stored blocking keys and its name. */
export type MatchProfile = MatchColumns & {id: number; name: string};

export type Reason =
	| {kind: 'email'; value: string}
	| {kind: 'phone'; value: string}
	| {kind: 'name'; similarity: number}
	| {kind: 'company'; value: string}
	| {kind: 'city'; value: string};

export type PairScore = {score: number; reasons: Reason[]};

/** What the scan knows beyond the two customers: how many share their name word in their place. */
export type PairContext = {
	/** The size of the smallest group (company or city, name word) the two share; undefined when they share none. */
	nameGroup?: number;
	/** nameSimilarity of the two names' tokens, when the caller knows it already (the scan remembers it by the names). */
	similarity?: number;
};

/**
 * How likely two customers are one person, 0 to 1, with the evidence. Each piece of evidence
 * adds to the log-odds, as in Fellegi-Sunter record linkage: the same mailbox or phone line
 * weighs most, but only with names that agree (a shared info@ address or a switchboard number
 * joins colleagues, not duplicates); names weigh by how alike they are, from clearly different
 * (against) to equal (for), and the same company or city adds to them. Two different emails
 * or phones count a little against: people do have several. A name word few others share in
 * that company or city weighs more (Fellegi-Sunter's frequency-based weights, as Dedupe
 * learns them): two "Koca Komo" in one town are likelier one person than two "Anna Smith".
 */
export function scorePair(a: MatchProfile, b: MatchProfile, context: PairContext = {}): PairScore {
	const reasons: Reason[] = [];
	let odds = -7;
	const similarity = context.similarity ?? nameSimilarity(nameTokens(a.name), nameTokens(b.name));
	const sameEmail = a.match_email !== '' && a.match_email === b.match_email;
	const samePhone = a.match_phone !== '' && a.match_phone === b.match_phone;
	if (sameEmail) {
		odds += 7;
		reasons.push({kind: 'email', value: a.match_email});
	} else if (a.match_email && b.match_email) {
		odds -= 1;
	}
	if (samePhone) {
		odds += 5;
		reasons.push({kind: 'phone', value: a.match_phone});
	} else if (a.match_phone && b.match_phone) {
		odds -= 1;
	}
	// Full weight only from 0.97 (one typo in a long name): at a million customers, names 94%
	// alike in one town are more often two people than one (npm run bench duplicates).
	odds += Math.min(6, Math.max(-6, (similarity - 0.85) * 50));
	if (similarity >= 0.85) reasons.push({kind: 'name', similarity});
	if (similarity >= 0.9 && context.nameGroup !== undefined) odds += context.nameGroup <= 2 ? 2.5 : context.nameGroup <= 4 ? 1.5 : context.nameGroup <= 8 ? 0.5 : 0;
	if (a.match_company && a.match_company === b.match_company) {
		odds += 2.5;
		reasons.push({kind: 'company', value: a.match_company});
	}
	if (a.match_city && a.match_city === b.match_city) {
		odds += 1.5;
		reasons.push({kind: 'city', value: a.match_city});
	}
	return {score: 1 / (1 + Math.exp(-odds)), reasons};
}

/** A reason in a few words: `same email`, `names 93% alike`, `same company "acme"`. */
export function describeReason(reason: Reason): string {
	switch (reason.kind) {
		case 'email':
			return `same email ${reason.value} (ignoring case and +tags)`;
		case 'phone':
			return `same phone ${reason.value}`;
		case 'name':
			return reason.similarity === 1 ? 'same name' : `names ${Math.floor(reason.similarity * 100)}% alike`;
		case 'company':
			return `same company "${reason.value}"`;
		case 'city':
			return `same city "${reason.value}"`;
	}
}

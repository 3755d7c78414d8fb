// The people of `npm run bench duplicates`: a CRM's worth of distinct customers (names,
// companies and cities from syllables, so namesakes are as rare as in real data, with common
// names much more common than rare ones), and 2% planted duplicates of them written the way
// duplicates happen: typos, case, `+tag` emails, phones in another format, fields left out.
import {seededRandom} from '../source/seed/seeded-random.js';

export type BenchCustomer = {name: string; company: string; email: string; phone: string; city: string; country: string};
export type Planted = {original: number; duplicate: number};

const syllables = ['an', 'na', 'ma', 'ri', 'el', 'jo', 'han', 'li', 'sa', 'to', 'ke', 'mi', 'lu', 'ca', 'da', 'ro', 'ni', 'ta', 'be', 'le', 'ja', 'ko', 'ra', 'se', 'vi', 'mo', 'pa', 'fe', 'gi', 'ol', 'ber', 'stein', 'mann', 'son', 'ez', 'ov', 'ski', 'ü', 'é', 'ø'];
const countries: Array<{country: string; phone: (random: () => number) => string; national: (international: string) => string}> = [
	{country: 'Germany', phone: r => `+49 30 ${digits(r, 7)}`, national: p => `030 ${p.slice(7)}`},
	{country: 'France', phone: r => `+33 1 ${pairs(r, 4)}`, national: p => `01${p.slice(6).replaceAll(' ', '.')}`.replace('01.', '01 ')},
	{country: 'United Kingdom', phone: r => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`, national: p => `(020) ${p.slice(7)}`},
	{country: 'United States', phone: r => `+1 415 ${200 + Math.floor(r() * 700)} ${digits(r, 4)}`, national: p => `(415) ${p.slice(7, 10)}-${p.slice(11)}`},
	{country: 'Spain', phone: r => `+34 91 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`, national: p => `91${p.slice(6).replaceAll(' ', '')}`},
	{country: 'Italy', phone: r => `+39 02 ${digits(r, 4)} ${digits(r, 4)}`, national: p => `02 ${p.slice(7)}`},
	{country: 'Sweden', phone: r => `+46 8 ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 2)}`, national: p => `08-${p.slice(6).replaceAll(' ', '')}`},
	{country: 'Japan', phone: r => `+81 3-${digits(r, 4)}-${digits(r, 4)}`, national: p => `03-${p.slice(6)}`},
];

function digits(random: () => number, count: number): string {
	let text = String(1 + Math.floor(random() * 9));
	while (text.length < count) text += String(Math.floor(random() * 10));
	return text;
}

function pairs(random: () => number, count: number): string {
	return Array.from({length: count}, () => digits(random, 2)).join(' ');
}

function word(random: () => number, parts: number): string {
	let text = '';
	for (let index = 0; index < parts; index++) text += syllables[Math.floor(random() * syllables.length)];
	return text[0]!.toUpperCase() + text.slice(1);
}

/** Index into a list, the first entries more common than the last (the most common of 5,000 names: 1.4%). */
function zipf(random: () => number, size: number): number {
	return Math.min(size - 1, Math.floor(size * random() ** 2));
}

export function benchPeople(count: number, seed = 7): {customers: BenchCustomer[]; planted: Planted[]} {
	const random = seededRandom(seed);
	const firstNames = Array.from({length: 5000}, () => word(random, 2 + Math.floor(random() * 2)));
	const lastNames = Array.from({length: 60_000}, () => word(random, 2 + Math.floor(random() * 2)));
	const cities = Array.from({length: 3000}, () => ({city: word(random, 2 + Math.floor(random() * 2)), place: countries[Math.floor(random() * countries.length)]!}));
	const companies = Array.from({length: 150_000}, () => ({name: `${word(random, 2)} ${word(random, 2)} ${['GmbH', 'Ltd', 'Inc', 'SA', 'AB', 'KK', 'Group', 'LLC'][Math.floor(random() * 8)]}`, switchboard: ''}));
	const plantedCount = Math.round(count * 0.02);
	const customers: BenchCustomer[] = [];
	const usedEmails = new Set<string>();
	for (let index = 0; index < count - plantedCount; index++) {
		const first = firstNames[zipf(random, firstNames.length)]!;
		const last = lastNames[zipf(random, lastNames.length)]!;
		const {city, place} = cities[zipf(random, cities.length)]!;
		const company = random() < 0.7 ? companies[Math.floor(random() * companies.length)]! : undefined;
		if (company && !company.switchboard) company.switchboard = place.phone(random);
		const domain = company ? `${company.name.split(' ')[0]!.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '') || 'firm'}.example` : ['gmail.com', 'outlook.com', 'web.de', 'yahoo.fr'][Math.floor(random() * 4)]!;
		let email = random() < 0.9 ? `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '') + `@${domain}` : '';
		if (usedEmails.has(email)) email = email.replace('@', `${index}@`);
		if (email) usedEmails.add(email);
		// A colleague in ten gives the company's main number.
		const phone = random() < 0.8 ? (company && random() < 0.1 ? company.switchboard : place.phone(random)) : '';
		customers.push({name: `${first} ${last}`, company: company?.name ?? '', email, phone, city: random() < 0.95 ? city : '', country: place.country});
	}
	const planted: Planted[] = [];
	const base = customers.length;
	for (let index = 0; index < plantedCount; index++) {
		const original = Math.floor(random() * base);
		planted.push({original, duplicate: customers.length});
		customers.push(duplicateOf(customers[original]!, random, index));
	}
	return {customers, planted};
}

/** A duplicate as people make them; always with something a person could still match it by. */
function duplicateOf(person: BenchCustomer, random: () => number, index: number): BenchCustomer {
	const copy = {...person};
	const nameRoll = random();
	if (nameRoll < 0.35) copy.name = typo(copy.name, random);
	else if (nameRoll < 0.6) copy.name = random() < 0.5 ? copy.name.toUpperCase() : copy.name.toLowerCase();
	else if (nameRoll < 0.7) copy.name = copy.name.normalize('NFKD').replace(/\p{M}+/gu, '');
	else if (nameRoll < 0.75) copy.name = `${copy.name.split(' ').reverse().join(', ')}`;
	const emailRoll = random();
	if (copy.email && emailRoll < 0.5) copy.email = copy.email.replace('@', `+crm${index}@`);
	else if (emailRoll < 0.8) copy.email = '';
	else copy.email = `${copy.name.split(/[ ,]+/)[0]!.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}${index}@personal.example`;
	const phoneRoll = random();
	const place = countries.find(candidate => candidate.country === person.country)!;
	if (copy.phone && phoneRoll < 0.5) copy.phone = place.national(copy.phone);
	else if (phoneRoll < 0.8) copy.phone = phoneRoll < 0.7 ? copy.phone : '';
	else copy.phone = '';
	if (random() < 0.2) copy.company = random() < 0.5 ? copy.company.toUpperCase() : copy.company.replace(/ (GmbH|Ltd|Inc|SA|AB|KK|Group|LLC)$/, '');
	if (random() < 0.1) copy.city = '';
	// Neither the mailbox nor the line is left: the place stays, else the phone, or nobody could tell.
	const mailbox = copy.email !== '' && copy.email.replace(/\+crm\d+@/, '@') === person.email;
	if (!mailbox && copy.phone === '') {
		copy.city = person.city;
		if (!person.city && !person.company) copy.phone = person.phone || '';
		if (!person.city && !person.company && !person.phone) copy.email = person.email.replace('@', `+crm${index}@`);
	}
	return copy;
}

/** One letter changed, dropped, doubled or swapped with its neighbour, past the first. */
function typo(name: string, random: () => number): string {
	const at = 1 + Math.floor(random() * (name.length - 2));
	const letter = 'aeioulnrst'[Math.floor(random() * 10)]!;
	switch (Math.floor(random() * 4)) {
		case 0:
			return name.slice(0, at) + letter + name.slice(at + 1);
		case 1:
			return name.slice(0, at) + name.slice(at + 1);
		case 2:
			return name.slice(0, at) + name[at] + name.slice(at);
		default:
			return name.slice(0, at) + (name[at + 1] ?? '') + name[at] + name.slice(at + 2);
	}
}

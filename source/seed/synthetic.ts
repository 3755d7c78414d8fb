import type {CustomerFields, CustomerStatus} from '../customers/customer-fields.js';
import {seededRandom} from './seeded-random.js';

/**
 * Deterministic synthetic customers for `seed --customers N` and the benchmarks: names from
 * several languages (accents and CJK included) so search is exercised as in real data.
 */
const firstNames = [
	'Anna', 'Ben', 'Chloé', 'David', 'Elena', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Jörg', 'Kenji', 'Lucía',
	'Mateo', 'Nadia', 'Olga', 'Pierre', 'Qiang', 'Rosa', 'Søren', 'Tomás', 'Uma', 'Vera', 'Wei', 'Xavier',
	'Yuki', 'Zoë', 'Amélie', 'Björn', 'Carmen', 'Dmitri', 'Emma', 'François', 'Grace', 'Hugo', 'Ines', 'Jamal',
	'Karin', 'Liam', 'Mia', 'Noah', 'Oscar', 'Priya', 'Rahul', 'Sofia', 'Theo', 'Ulrike', 'Viktor', 'Wanda',
];
const lastNames = [
	'Müller', 'Smith', 'García', 'Nguyen', 'Kowalski', 'Rossi', 'Dubois', 'Jensen', 'Novák', 'Silva', 'Tanaka',
	'Kim', 'Ivanova', 'O\'Brien', 'Andersson', 'Haddad', 'Schmidt', 'López', 'Martin', 'Bernard', 'Fischer',
	'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann',
	'Brown', 'Taylor', 'Wilson', 'Johnson', 'Petrov', 'Sato', 'Suzuki', 'Yamamoto', 'Chen', 'Wang', 'Li',
];
const cjkNames = ['王小明', '李娜', '张伟', '刘洋', '陈静', '杨磊', '黄敏', '赵丽', '佐藤花子', '鈴木一郎', '김민준', '이서연'];
const companyWords = [
	'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Hooli', 'Vandelay', 'Nordwind',
	'Blauberg', 'Sakura', 'Lumière', 'Østfold', 'Kappa', 'Delta', 'Orion', 'Vega', 'Atlas',
];
const companySuffixes = ['GmbH', 'Ltd', 'Inc', 'SA', 'AB', 'KK', 'Group', 'Trading', 'Logistics', '有限公司'];
const cities: Array<[string, string]> = [
	['Berlin', 'DE'], ['München', 'DE'], ['Paris', 'FR'], ['Lyon', 'FR'], ['Madrid', 'ES'], ['London', 'GB'],
	['New York', 'US'], ['Austin', 'US'], ['Tokyo', 'JP'], ['Osaka', 'JP'], ['上海', 'CN'], ['Seoul', 'KR'],
	['São Paulo', 'BR'], ['Kraków', 'PL'], ['København', 'DK'], ['Zürich', 'CH'],
];
const statuses: CustomerStatus[] = ['lead', 'lead', 'active', 'active', 'active', 'inactive'];
const tagWords = ['vip', 'newsletter', 'wholesale', 'retail', 'partner', 'overdue', 'b2b', 'b2c'];

const asciiCache = new Map<string, string>();

/** The few dozen names and words above, as email parts; remembered, as a million rows reuse them. */
function asciiOf(text: string): string {
	let ascii = asciiCache.get(text);
	if (ascii === undefined) {
		ascii = text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^a-zA-Z0-9]+/g, '').toLowerCase();
		asciiCache.set(text, ascii);
	}
	return ascii;
}

export function* syntheticCustomers(count: number, seed = 1): Generator<CustomerFields> {
	const next = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
	for (let index = 0; index < count; index++) {
		const cjk = next() < 0.05;
		const first = cjk ? '' : pick(firstNames);
		const last = cjk ? '' : pick(lastNames);
		const name = cjk ? pick(cjkNames) : `${first} ${last}`;
		const local = cjk ? `user${index}` : `${asciiOf(first)}.${asciiOf(last)}${index}`;
		const [city, country] = pick(cities);
		yield {
			name,
			company: `${pick(companyWords)} ${pick(companySuffixes)}`,
			email: `${local}@${asciiOf(pick(companyWords))}.example`,
			phone: `+${1 + Math.floor(next() * 98)} ${String(100 + Math.floor(next() * 900))} ${String(1_000_000 + index).slice(-7)}`,
			address: `${1 + Math.floor(next() * 200)} Main Street`,
			city,
			country,
			status: pick(statuses),
			tags: next() < 0.3 ? [pick(tagWords)] : [],
			notes: '',
		};
	}
}

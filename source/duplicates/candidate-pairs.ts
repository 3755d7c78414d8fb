import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {largestGroup, matchColumnNames, matchColumnsOf, matchSlots, type MatchColumns, type MatchSource} from './match-columns.js';
import {nameTokens} from './match-values.js';
import {nameSimilarity} from './name-similarity.js';
import {scorePair, type MatchProfile, type Reason} from './pair-score.js';
import {prepareScanPostgres} from './scan-postgres.js';

/** A likely duplicate: two live customers (`a` < `b` by id), how likely, and why. */
export type DuplicatePair = {a: MatchProfile; b: MatchProfile; score: number; reasons: Reason[]};

export type PairSearch = {
	minScore?: number;
	/** Only pairs with at least one of these customers (an import's new rows). */
	involving?: ReadonlySet<number>;
};

export type PairSearchResult = {
	pairs: DuplicatePair[];
	/** Candidate pairs scored (before the minimum score). */
	candidates: number;
	/** Emails and phones shared by more customers than a group may hold: a switchboard, a placeholder. */
	crowded: Array<{slot: string; key: string; customers: number}>;
	/** Pairs someone said are two people, left out. */
	dismissed: number;
};

export const defaultMinScore = 0.85;

const profileColumns = sql.raw(`c.id, c.name, ${matchColumnNames.map(column => `c.${column}`).join(', ')}`);

/**
 * Every likely duplicate among live customers. Candidates come only from the blocking keys'
 * indexes (match-columns.ts): per slot, the groups of two to `largestGroup` customers sharing
 * a key, read in key order through the slot's partial index; every pair within a group is
 * scored once, however many keys it shares. Nothing compares all customers with all others,
 * so a million customers take seconds (`npm run bench duplicates`).
 */
export async function findDuplicatePairs(db: Db, search: PairSearch = {}): Promise<PairSearchResult> {
	await fillMatchColumns(db);
	const minScore = search.minScore ?? defaultMinScore;
	const profiles = new Map<number, MatchProfile>();
	// Every candidate pair once, in the order first found, with the smallest name group it
	// shares (how rare their shared name word is there; 0: it shares none). Keyed by number,
	// not by an "a:b" string: at a million customers there are millions of candidates, and
	// making, hashing and collecting their strings was a third of the scan.
	const pairKeys = new PairKeys(await largestId(db));
	const candidates = new Map<number | string, number>();
	const crowded: PairSearchResult['crowded'] = [];
	const involving = search.involving;
	// One read transaction: every slot sees the same customers.
	await db.read(async tx => {
		if (tx.engine === 'postgres') await prepareScanPostgres(tx);
		for (const slot of matchSlots) {
			const columns = slot.columns;
			const [first, second] = columns as readonly (keyof MatchColumns)[];
			const present = sql.raw(columns.map(column => `${column} <> ''`).join(' AND '));
			const keys = sql.raw(columns.join(', '));
			// "Keys IN (groups)" and the partial index's own condition: both engines then look each
			// group up in the slot's index, where a join scanned every customer (41 s against 8 s at 1M).
			const rows = await sql<MatchProfile>`
				SELECT ${profileColumns} FROM customers c
				WHERE c.deleted_at IS NULL AND ${present} AND (${keys}) IN (
					SELECT ${keys} FROM customers WHERE deleted_at IS NULL AND ${present} GROUP BY ${keys} HAVING count(*) BETWEEN 2 AND ${largestGroup})
				ORDER BY ${keys}, c.id`.execute(tx.db);
			const namedSlot = slot.id !== 'email' && slot.id !== 'phone';
			let group: MatchProfile[] = [];
			const close = () => {
				const size = group.length;
				for (let i = 0; i < size; i++) {
					const a = group[i]!;
					const aInvolved = !involving || involving.has(a.id);
					for (let j = i + 1; j < size; j++) {
						const b = group[j]!;
						if (!aInvolved && !involving!.has(b.id)) continue;
						const key = pairKeys.of(a.id, b.id);
						const known = candidates.get(key);
						if (known === undefined) candidates.set(key, namedSlot ? size : 0);
						else if (namedSlot && (known === 0 || size < known)) candidates.set(key, size);
					}
				}
			};
			for (const raw of rows.rows) {
				const id = Number(raw.id);
				let profile = profiles.get(id);
				if (!profile) {
					profile = {...raw, id};
					profiles.set(id, profile);
				}
				const last = group.at(-1);
				if (last && (last[first!] !== profile[first!] || (second !== undefined && last[second] !== profile[second]))) {
					close();
					group = [];
				}
				group.push(profile);
			}
			close();
			if (slot.id === 'email' || slot.id === 'phone') crowded.push(...await crowdedKeys(tx, slot.id, columns[0] as 'match_email' | 'match_phone'));
		}
	});
	const dismissals = await dismissedPairs(db);
	let dismissed = 0;
	const pairs: DuplicatePair[] = [];
	const similarity = new NameSimilarities();
	for (const [key, nameGroup] of candidates) {
		const [aId, bId] = pairKeys.ids(key);
		const a = profiles.get(aId)!;
		const b = profiles.get(bId)!;
		const {score, reasons} = scorePair(a, b, {nameGroup: nameGroup === 0 ? undefined : nameGroup, similarity: similarity.of(a.name, b.name)});
		if (score < minScore) continue;
		if (dismissals.has(`${aId}:${bId}`)) {
			dismissed++;
			continue;
		}
		pairs.push({a, b, score, reasons});
	}
	pairs.sort((x, y) => y.score - x.score || x.a.id - y.a.id || x.b.id - y.b.id);
	return {pairs, candidates: candidates.size, crowded, dismissed};
}

/**
 * A pair of ids as one number while the largest id allows it exactly (below ~94 million),
 * as an "a:b" string past that.
 */
class PairKeys {
	private readonly base: number | undefined;

	constructor(largest: number) {
		const base = largest + 1;
		this.base = base * base <= Number.MAX_SAFE_INTEGER ? base : undefined;
	}

	of(a: number, b: number): number | string {
		return this.base === undefined ? `${a}:${b}` : a * this.base + b;
	}

	ids(key: number | string): [number, number] {
		if (typeof key === 'string') {
			const colon = key.indexOf(':');
			return [Number(key.slice(0, colon)), Number(key.slice(colon + 1))];
		}
		const b = key % this.base!;
		return [(key - b) / this.base!, b];
	}
}

/**
 * How alike two names are, remembered by the names: candidates share a name word or a key,
 * so the same two names come back again and again (a million customers give millions of
 * candidates from far fewer distinct names), and Jaro-Winkler over their folded words was
 * most of the scan's time.
 */
class NameSimilarities {
	private readonly known = new Map<string, Map<string, number>>();
	private readonly tokens = new Map<string, string[]>();

	of(a: string, b: string): number {
		let row = this.known.get(a);
		if (!row) {
			row = new Map();
			this.known.set(a, row);
		}
		let similarity = row.get(b);
		if (similarity === undefined) {
			similarity = nameSimilarity(this.tokensOf(a), this.tokensOf(b));
			row.set(b, similarity);
		}
		return similarity;
	}

	private tokensOf(name: string): string[] {
		let tokens = this.tokens.get(name);
		if (!tokens) {
			tokens = nameTokens(name);
			this.tokens.set(name, tokens);
		}
		return tokens;
	}
}

async function largestId(db: Db): Promise<number> {
	const found = await sql<{last: number | null}>`SELECT max(id) AS last FROM customers`.execute(db.db);
	return Number(found.rows[0]?.last ?? 0);
}

async function crowdedKeys(db: Db, slot: string, column: 'match_email' | 'match_phone'): Promise<PairSearchResult['crowded']> {
	const found = await sql<{key: string; customers: number}>`
		SELECT ${sql.ref(column)} AS key, count(*) AS customers FROM customers WHERE deleted_at IS NULL AND ${sql.ref(column)} <> ''
		GROUP BY ${sql.ref(column)} HAVING count(*) > ${largestGroup} ORDER BY count(*) DESC LIMIT 10`.execute(db.db);
	return found.rows.map(row => ({slot, key: row.key, customers: Number(row.customers)}));
}

async function dismissedPairs(db: Db): Promise<Set<string>> {
	const rows = await db.db.selectFrom('duplicate_dismissals').select(['low_id', 'high_id']).execute();
	return new Set(rows.map(row => `${row.low_id}:${row.high_id}`));
}

/**
 * The likely duplicates of one customer (given by its fields, stored or about to be): the
 * live customers sharing any of its keys, a name word matching either word slot, scored.
 * One indexed query: `customers add` and an import check each new customer at once.
 */
export async function duplicatesOf(db: Db, customer: MatchSource & {id?: number}, options: {minScore?: number; limit?: number} = {}): Promise<DuplicatePair[]> {
	const match = matchColumnsOf(customer);
	const words = [match.match_name_a, match.match_name_b].filter(Boolean);
	const self: MatchProfile = {...match, id: customer.id ?? 0, name: customer.name};
	const found = await db.db.selectFrom('customers')
		.select(['id', 'name', ...matchColumnNames])
		.where('id', '!=', customer.id ?? 0)
		.where(eb => {
			// Each branch repeats its partial index's condition word for word: SQLite uses a partial index only then.
			const live = eb('deleted_at', 'is', null);
			const either = [];
			if (match.match_email) either.push(eb.and([live, eb('match_email', '<>', ''), eb('match_email', '=', match.match_email)]));
			if (match.match_phone) either.push(eb.and([live, eb('match_phone', '<>', ''), eb('match_phone', '=', match.match_phone)]));
			for (const place of ['match_company', 'match_city'] as const) {
				if (!match[place] || words.length === 0) continue;
				for (const slot of ['match_name_a', 'match_name_b'] as const) {
					either.push(eb.and([live, eb(place, '<>', ''), eb(slot, '<>', ''), eb(place, '=', match[place]), eb(slot, 'in', words)]));
				}
			}
			return either.length > 0 ? eb.or(either) : eb.val(false);
		})
		.limit(500)
		.execute();
	const minScore = options.minScore ?? defaultMinScore;
	const pairs: DuplicatePair[] = [];
	const others = found.map(row => ({...row, id: Number(row.id)}) as MatchProfile);
	// As in the scan: how many share the name word in that place, this customer counted.
	const groupOf = (other: MatchProfile): number | undefined => {
		let smallest: number | undefined;
		for (const place of ['match_company', 'match_city'] as const) {
			if (!self[place] || self[place] !== other[place]) continue;
			for (const word of words) {
				if (other.match_name_a !== word && other.match_name_b !== word) continue;
				const size = 1 + others.filter(candidate => candidate[place] === self[place] && (candidate.match_name_a === word || candidate.match_name_b === word)).length;
				smallest = Math.min(size, smallest ?? size);
			}
		}
		return smallest;
	};
	for (const other of others) {
		const {score, reasons} = scorePair(self, other, {nameGroup: groupOf(other)});
		if (score >= minScore) pairs.push({a: self, b: other, score, reasons});
	}
	pairs.sort((x, y) => y.score - x.score || x.b.id - y.b.id);
	return pairs.slice(0, options.limit ?? 10);
}

/**
 * Catches up blocking keys not computed yet (NULL: rows written by SQL alone, such as a
 * PostgreSQL database migrated to version 8 with customers in it), a batch per transaction.
 */
export async function fillMatchColumns(db: Db): Promise<number> {
	// Read first: a read-only database with nothing to catch up still answers.
	const missing = await db.db.selectFrom('customers').select('id').where('match_email', 'is', null).limit(1).executeTakeFirst();
	if (!missing) return 0;
	let filled = 0;
	for (;;) {
		const done = await db.write(async tx => {
			const rows = await tx.db.selectFrom('customers').select(['id', 'name', 'company', 'email', 'phone', 'city', 'country'])
				.where('match_email', 'is', null).orderBy('id').limit(2000).execute();
			for (const row of rows) await tx.db.updateTable('customers').set(matchColumnsOf(row)).where('id', '=', row.id).execute();
			return rows.length;
		});
		filled += done;
		if (done < 2000) return filled;
	}
}

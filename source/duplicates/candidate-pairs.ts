import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {largestGroup, matchColumnNames, matchColumnsOf, matchSlots, type MatchSource} from './match-columns.js';
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
	const seen = new Set<string>();
	const candidates: Array<[number, number]> = [];
	// The smallest name group each pair shares: how rare their shared name word is there.
	const nameGroups = new Map<string, number>();
	const crowded: PairSearchResult['crowded'] = [];
	// One read transaction: every slot sees the same customers.
	await db.read(async tx => {
		if (tx.engine === 'postgres') await prepareScanPostgres(tx);
		for (const slot of matchSlots) {
			const columns = slot.columns;
			const present = sql.raw(columns.map(column => `${column} <> ''`).join(' AND '));
			const keys = sql.raw(columns.join(', '));
			// "Keys IN (groups)" and the partial index's own condition: both engines then look each
			// group up in the slot's index, where a join scanned every customer (41 s against 8 s at 1M).
			const rows = await sql<MatchProfile>`
				SELECT ${profileColumns} FROM customers c
				WHERE c.deleted_at IS NULL AND ${present} AND (${keys}) IN (
					SELECT ${keys} FROM customers WHERE deleted_at IS NULL AND ${present} GROUP BY ${keys} HAVING count(*) BETWEEN 2 AND ${largestGroup})
				ORDER BY ${keys}, c.id`.execute(tx.db);
			let group: MatchProfile[] = [];
			let groupKey = '';
			const close = () => {
				for (let i = 0; i < group.length; i++) {
					for (let j = i + 1; j < group.length; j++) {
						const a = group[i]!;
						const b = group[j]!;
						if (search.involving && !search.involving.has(a.id) && !search.involving.has(b.id)) continue;
						const pairKey = `${a.id}:${b.id}`;
						if (slot.id !== 'email' && slot.id !== 'phone') nameGroups.set(pairKey, Math.min(group.length, nameGroups.get(pairKey) ?? group.length));
						if (seen.has(pairKey)) continue;
						seen.add(pairKey);
						candidates.push([a.id, b.id]);
					}
				}
			};
			for (const raw of rows.rows) {
				const profile = {...raw, id: Number(raw.id)};
				profiles.set(profile.id, profile);
				const key = columns.map(column => profile[column]).join('\u0000');
				if (key !== groupKey) {
					close();
					group = [];
					groupKey = key;
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
	for (const [aId, bId] of candidates) {
		const a = profiles.get(aId)!;
		const b = profiles.get(bId)!;
		const {score, reasons} = scorePair(a, b, {nameGroup: nameGroups.get(`${aId}:${bId}`)});
		if (score < minScore) continue;
		if (dismissals.has(`${aId}:${bId}`)) {
			dismissed++;
			continue;
		}
		pairs.push({a, b, score, reasons});
	}
	pairs.sort((x, y) => y.score - x.score || x.a.id - y.a.id || x.b.id - y.b.id);
	return {pairs, candidates: candidates.length, crowded, dismissed};
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

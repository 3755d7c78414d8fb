import type {Db} from '../store/store.js';
import {duplicatesOf, findDuplicatePairs, type DuplicatePair} from '../duplicates/candidate-pairs.js';
import {describeReason} from '../duplicates/pair-score.js';
import type {CommandContext, CommandFlags} from './command.js';
import {visible} from '../text/visible.js';

/** `--no-dup-check`: add or import without looking for likely duplicates. */
export const dupCheckFlag: CommandFlags = {noDupCheck: {type: 'boolean'}};

const shownAtMost = 20;

function reasons(pair: DuplicatePair): string {
	return `${pair.score.toFixed(2)}: ${pair.reasons.map(describeReason).join(', ')}`;
}

/** After `customers add`: the new customer's likely duplicates, as warnings (the customer is added all the same). */
export async function warnAboutDuplicatesOf(context: CommandContext, db: Db, customer: {id: number; name: string; company: string; email: string; phone: string; city: string; country: string}): Promise<void> {
	if (context.flags.noDupCheck === true) return;
	for (const pair of await duplicatesOf(db, customer, {limit: 5})) {
		context.say(visible(`warning: #${customer.id} ${customer.name} looks like #${pair.b.id} ${pair.b.name} (${reasons(pair)}); merge with: opsdesk customers merge ${pair.b.id} ${customer.id}`));
	}
}

/**
 * After an import: the imported customers' likely duplicates, each at its line of the file.
 * A few thousand new customers are checked one by one; more, in one pass over the keys.
 */
export async function warnAboutImportedDuplicates(context: CommandContext, db: Db, label: string, newIds: readonly number[], lines: readonly number[]): Promise<void> {
	if (context.flags.noDupCheck === true || newIds.length === 0) return;
	const lineOf = new Map(newIds.map((id, index) => [id, lines[index]]));
	let pairs: DuplicatePair[] = [];
	if (newIds.length <= 2000) {
		const rows = await db.db.selectFrom('customers').select(['id', 'name', 'company', 'email', 'phone', 'city', 'country']).where('id', 'in', [...newIds]).execute();
		const seen = new Set<string>();
		for (const row of rows) {
			for (const pair of await duplicatesOf(db, {...row, id: Number(row.id)}, {limit: 5})) {
				const key = [pair.a.id, pair.b.id].sort((x, y) => x - y).join(':');
				if (seen.has(key)) continue;
				seen.add(key);
				pairs.push(pair);
			}
		}
	} else {
		// Into an empty table every live customer is new: then nothing needs looking up per pair.
		const live = await db.db.selectFrom('customers').select(eb => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null).executeTakeFirst();
		const everyone = Number(live?.n ?? 0) === newIds.length;
		pairs = (await findDuplicatePairs(db, everyone ? {} : {involving: new Set(newIds)})).pairs;
	}
	if (pairs.length === 0) return;
	for (const pair of pairs.slice(0, shownAtMost)) {
		const [fresh, other] = lineOf.has(pair.a.id) && !(lineOf.has(pair.b.id) && pair.b.id > pair.a.id) ? [pair.a, pair.b] : [pair.b, pair.a];
		const where = lineOf.get(fresh.id) === undefined ? label : `${label}:${lineOf.get(fresh.id)}`;
		const otherText = lineOf.has(other.id) ? `line ${lineOf.get(other.id)} (#${other.id})` : `#${other.id} ${other.name}`;
		context.say(visible(`${where}: warning: ${fresh.name} looks like ${otherText} (${reasons(pair)})`));
	}
	const more = pairs.length > shownAtMost ? ` (${pairs.length - shownAtMost} more not shown)` : '';
	context.say(`${pairs.length} likely duplicate pair${pairs.length === 1 ? '' : 's'} among the imported customers${more}; review them with: opsdesk duplicates`);
}

type WouldBe = {line: number; fields: {name: string; company: string; email: string; phone: string; city: string; country: string}};

/**
 * After a dry run: which rows would duplicate customers already in the database, each at its
 * line (the first `checkedAtMost` valid rows; nothing was written, so rows are not checked
 * against each other).
 */
export async function warnAboutWouldBeDuplicates(context: CommandContext, db: Db, label: string, rows: readonly WouldBe[]): Promise<void> {
	if (context.flags.noDupCheck === true || rows.length === 0) return;
	let found = 0;
	for (const {line, fields} of rows) {
		for (const pair of await duplicatesOf(db, fields, {limit: 5})) {
			if (found++ < shownAtMost) context.say(visible(`${label}:${line}: warning: ${fields.name} looks like #${pair.b.id} ${pair.b.name} (${reasons(pair)})`));
		}
	}
	if (found === 0) return;
	const more = found > shownAtMost ? ` (${found - shownAtMost} more not shown)` : '';
	context.say(`${found} likely duplicate${found === 1 ? '' : 's'} of customers already here among the rows${more}; nothing was written`);
}

/** How many rows of a dry run are checked one by one against the database. */
export const checkedAtMost = 2000;

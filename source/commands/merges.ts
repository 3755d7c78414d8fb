import {mergeCustomers, type MergeResult} from '../duplicates/merge.js';
import {undoMerge} from '../duplicates/merge-undo.js';
import {listMerges} from '../duplicates/merge-list.js';
import type {Prefer} from '../duplicates/merge-fields.js';
import {customerFieldNames} from '../customers/customer-fields.js';
import type {Command} from './command.js';
import {idArgument, limitFlag, limitFlagSpec, noArguments, parseId, printJson, usageError} from './arguments.js';
import {formatTable} from './table.js';
import {visible} from '../text/visible.js';
import {quoted} from '../text/quoted.js';

const json = {json: {type: 'boolean'}} as const;

function describeMerge(result: MergeResult, dryRun: boolean): string[] {
	const others = result.others.map(other => `#${other.id}`).join(', ');
	const lines = [`${dryRun ? 'dry run: would merge' : `merge #${result.mergeId}: merged`} ${others} into #${result.keep.id} ${result.keep.name}`];
	for (const field of customerFieldNames) {
		if (!result.changed.includes(field)) continue;
		const show = (value: unknown) => quoted(Array.isArray(value) ? value.join(';') : String(value), 50);
		lines.push(`  ${field}: ${show(result.before[field])} → ${show(result.keep[field])}`);
	}
	const moved = Object.entries(result.moved).filter(([, count]) => count > 0).map(([table, count]) => `${count} ${table.replace('customer_history', 'history entries')}`);
	lines.push(`  moved to #${result.keep.id}: ${moved.length > 0 ? moved.join(', ') : 'nothing'}`);
	lines.push(dryRun ? '  nothing was written' : `  undo: opsdesk merges undo ${result.mergeId}`);
	return lines;
}

const merge: Command = {
	name: 'customers merge',
	summary: 'merge duplicates into the customer kept: their interactions, orders, jobs and history move to it (undo: merges undo)',
	usage: 'customers merge KEEP OTHER... [--prefer keep|other] [--dry-run] [--json]',
	flags: {prefer: {type: 'string', choices: ['keep', 'other']}, dryRun: {type: 'boolean'}, ...json},
	async run(context) {
		const [keepText, ...otherTexts] = context.args;
		if (keepText === undefined) throw usageError(merge, 'missing KEEP, the customer that stays');
		if (otherTexts.length === 0) throw usageError(merge, 'missing OTHER, a customer to merge into KEEP');
		const ids = [keepText, ...otherTexts].map(text => {
			const id = parseId(text);
			if (id === undefined) throw usageError(merge, `${quoted(text)} is not a customer number such as 42`);
			return id;
		});
		const dryRun = context.flags.dryRun === true;
		const result = await mergeCustomers(await context.store(), ids[0]!, ids.slice(1), {prefer: (context.flags.prefer as Prefer | undefined) ?? 'keep', dryRun});
		if (context.flags.json === true) printJson(context, {merge: result.mergeId ?? null, dry_run: dryRun, customer: result.keep, merged: result.others, changed: result.changed, moved: result.moved});
		for (const line of describeMerge(result, dryRun)) context.say(visible(line));
	},
};

const list: Command = {
	name: 'merges list',
	summary: 'the merges, newest first: who was merged into whom, when, by whom, and whether it was undone',
	usage: 'merges list [--limit N] [--json]',
	flags: {limit: limitFlagSpec, ...json},
	async run(context) {
		noArguments(list, context);
		const merges = await listMerges(await context.store(), limitFlag(list, context, 50));
		if (context.flags.json === true) return printJson(context, merges);
		if (merges.length === 0) {
			context.say('no merges yet');
			return;
		}
		context.print(formatTable(
			[{heading: 'ID'}, {heading: 'AT'}, {heading: 'BY', max: 20}, {heading: 'KEPT', max: 30}, {heading: 'MERGED'}, {heading: 'UNDONE'}],
			merges.map(entry => [String(entry.id), entry.at, entry.actor, `#${entry.keep_id} ${entry.keep_name}`, entry.other_ids.map(id => `#${id}`).join(' '), entry.undone_at ?? '']),
		));
	},
};

const undo: Command = {
	name: 'merges undo',
	summary: 'put a merge back exactly; refused (exit 3) if the kept customer changed since, unless --force',
	usage: 'merges undo ID [--force] [--json]',
	flags: {force: {type: 'boolean'}, ...json},
	async run(context) {
		const id = idArgument(undo, context, 'ID', 'merge');
		const result = await undoMerge(await context.store(), id, {force: context.flags.force === true});
		if (context.flags.json === true) printJson(context, {merge: id, customer: result.keep, restored: result.others});
		context.say(visible(`undid merge #${id}: #${result.keep.id} ${result.keep.name} is as before; ${result.others.map(other => `#${other.id} ${other.name}`).join(', ')} back`));
	},
};

export const mergeCommands: Command[] = [merge, list, undo];

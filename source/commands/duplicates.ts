import {defaultMinScore, findDuplicatePairs, type DuplicatePair} from '../duplicates/candidate-pairs.js';
import {describeReason} from '../duplicates/pair-score.js';
import {dismissPair, undismissPair} from '../duplicates/dismissals.js';
import type {Command} from './command.js';
import {limitFlag, limitFlagSpec, noArguments, parseId, printJson, usageError} from './arguments.js';
import {quoted} from '../text/quoted.js';
import {formatTable} from './table.js';
import {visible} from '../text/visible.js';

/** A pair as `--json` prints it: ids, names, score (0-1, three decimals) and reasons in words and as data. */
export function pairJson(pair: DuplicatePair) {
	return {
		a: {id: pair.a.id, name: pair.a.name},
		b: {id: pair.b.id, name: pair.b.name},
		score: Math.round(pair.score * 1000) / 1000,
		reasons: pair.reasons.map(describeReason),
		evidence: pair.reasons,
	};
}

export const duplicatesCommand: Command = {
	name: 'duplicates',
	summary: 'list likely duplicate customers, most likely first, with a score and the reasons',
	usage: `duplicates [--min-score ${defaultMinScore}] [--limit N] [--json]`,
	flags: {minScore: {type: 'number', fractional: true, min: 0, max: 1}, limit: limitFlagSpec, json: {type: 'boolean'}},
	async run(context) {
		noArguments(duplicatesCommand, context);
		const limit = limitFlag(duplicatesCommand, context, 100);
		const started = performance.now();
		const result = await findDuplicatePairs(await context.store(), {minScore: context.flags.minScore as number | undefined});
		const seconds = (performance.now() - started) / 1000;
		const shown = result.pairs.slice(0, limit);
		if (context.flags.json === true) printJson(context, shown.map(pairJson));
		else if (shown.length > 0) {
			context.print(formatTable(
				[{heading: 'SCORE'}, {heading: 'KEEP?', max: 34}, {heading: 'DUPLICATE?', max: 34}, {heading: 'WHY'}],
				shown.map(pair => [pair.score.toFixed(2), `#${pair.a.id} ${pair.a.name}`, `#${pair.b.id} ${pair.b.name}`, pair.reasons.map(describeReason).join(', ')]),
			));
		}
		for (const crowded of result.crowded) {
			context.say(visible(`not compared: ${crowded.customers} customers share the ${crowded.slot} ${crowded.key} (a switchboard or a placeholder?)`));
		}
		const more = result.pairs.length > shown.length ? `; showing the first ${shown.length} (--limit 0 for all)` : '';
		const dismissed = result.dismissed > 0 ? `; ${result.dismissed} pairs marked as two people left out` : '';
		context.say(result.pairs.length === 0
			? `no likely duplicates (${result.candidates} candidate pairs checked in ${seconds.toFixed(2)} s${dismissed})`
			: `${result.pairs.length} likely duplicate pairs (${result.candidates} candidates checked in ${seconds.toFixed(2)} s)${more}${dismissed}; merge with: opsdesk customers merge KEEP OTHER`);
	},
};

export const dismissCommand: Command = {
	name: 'duplicates dismiss',
	summary: 'mark two customers as two people: duplicates leaves the pair out (--undo takes the mark off)',
	usage: 'duplicates dismiss ID ID [--undo] [--json]',
	flags: {undo: {type: 'boolean'}, json: {type: 'boolean'}},
	async run(context) {
		if (context.args.length !== 2) throw usageError(dismissCommand, context.args.length < 2 ? 'name the two customers of the pair' : `unexpected argument ${quoted(context.args[2]!)}`);
		const [first, second] = context.args.map(text => {
			const id = parseId(text);
			if (id === undefined) throw usageError(dismissCommand, `${quoted(text)} is not a customer number such as 42`);
			return id;
		}) as [number, number];
		const undo = context.flags.undo === true;
		const store = await context.store();
		const {a, b, changed} = undo ? await undismissPair(store, first, second) : await dismissPair(store, first, second);
		if (context.flags.json === true) printJson(context, {a: {id: a.id, name: a.name}, b: {id: b.id, name: b.name}, dismissed: !undo, changed});
		const pair = `#${a.id} ${a.name} and #${b.id} ${b.name}`;
		context.say(visible(undo
			? (changed ? `${pair} may show as a pair again` : `${pair} were not marked as two people; nothing changed`)
			: (changed ? `marked ${pair} as two people; opsdesk duplicates leaves them out (undo: opsdesk duplicates dismiss ${a.id} ${b.id} --undo)` : `${pair} were marked as two people already`)));
	},
};

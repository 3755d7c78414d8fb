import {defaultMinScore, findDuplicatePairs, type DuplicatePair} from '../duplicates/candidate-pairs.js';
import {describeReason} from '../duplicates/pair-score.js';
import type {Command} from './command.js';
import {limitFlag, limitFlagSpec, noArguments, printJson} from './arguments.js';
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
			? `no likely duplicates (${result.candidates} candidate pairs checked in ${seconds.toFixed(2)} s)`
			: `${result.pairs.length} likely duplicate pairs (${result.candidates} candidates checked in ${seconds.toFixed(2)} s)${more}${dismissed}; merge with: opsdesk customers merge KEEP OTHER`);
	},
};

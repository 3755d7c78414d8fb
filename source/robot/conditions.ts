import type {DesktopDriver} from './driver.js';
import type {Condition} from './flow-steps.js';
import {regexMatches} from './regex-check.js';
import {fillTemplate, type TemplateContext} from './templates.js';
import {describeMatch, imageSearch, type ImageStore} from './vision-actions.js';

export type ConditionOptions = {driver: DesktopDriver; images: ImageStore; signal: AbortSignal};

/** Whether a condition holds now, and what was seen, for the log. */
export async function evaluateCondition(condition: Condition, context: TemplateContext, options: ConditionOptions): Promise<{holds: boolean; said: string}> {
	const fill = (text: string) => fillTemplate(text, context);
	if ('not' in condition) {
		const inner = await evaluateCondition(condition.not, context, options);
		return {holds: !inner.holds, said: `not (${inner.said})`};
	}
	if ('seen' in condition) {
		const search = imageSearch(condition.seen, {images: options.images, fill});
		const answer = await options.driver.look({look: 'image', search, until: 'now', waitMs: 0}, options.signal);
		if (!answer || answer.look !== 'image') return {holds: false, said: `${condition.seen.image} not looked for (a dry run sees no screen)`};
		const best = answer.best ? describeMatch(answer.best, answer.others) : 'nowhere';
		return {holds: answer.seen, said: `${condition.seen.image} ${answer.seen ? 'is on the screen' : 'is not on the screen'}, best ${best}`};
	}
	const value = fill(condition.value);
	if ('equals' in condition) {
		const other = fill(condition.equals);
		return {holds: value === other, said: `${JSON.stringify(value)} ${value === other ? 'equals' : 'does not equal'} ${JSON.stringify(other)}`};
	}
	const pattern = fill(condition.matches);
	const holds = await regexMatches(pattern, value, {signal: options.signal});
	return {holds, said: `${JSON.stringify(value)} ${holds ? 'matches' : 'does not match'} /${pattern}/`};
}

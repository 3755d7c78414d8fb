import {visible} from '../text/visible.js';
import {formatDuration} from '../robot/durations.js';
import type {StepRecord} from '../robot/runner.js';

/** One line per step for `robot run`; robot and customer data in it are shown harmless (visible()). */
export function stepLine(record: StepRecord): string {
	const mark = record.level === 'error' ? 'FAILED' : record.level === 'warn' ? 'retry' : 'ok';
	const shot = record.screenshot ? ` (screenshot ${visible(record.screenshot)})` : '';
	return `step ${record.number} ${record.name}: ${mark} ${formatDuration(record.durationMs)}  ${visible(record.message)}${shot}`;
}

import fs from 'node:fs';
import {ValidationError} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
	const match = datePattern.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Holidays are a few dozen a year: a longer list is a wrong file. */
const mostSkipDates = 10_000;

/**
 * `--skip-dates`: a file of dates (one a line, anything after the date is its name, `#` starts
 * a comment, as a holiday calendar is written) or a comma-separated list. Returns the dates
 * sorted, each once; a bad entry names its file and line.
 */
export function readSkipDates(given: string): string[] {
	const isFile = !datePattern.test(given.split(',')[0]!.trim()) && given.trim() !== '';
	if (!isFile) return checkedDates(given.split(',').map((entry, index) => ({text: entry.trim(), where: `--skip-dates entry ${index + 1}`})));
	let text: string;
	try {
		text = fs.readFileSync(given, 'utf8');
	} catch (error) {
		throw new ValidationError('skip-dates', `${given}: cannot read it: ${describeFileError(error)} (give a file of dates, or dates separated by commas)`);
	}
	const entries: Array<{text: string; where: string}> = [];
	for (const [index, line] of text.split(/\r?\n/).entries()) {
		const content = line.replace(/#.*/, '').trim();
		if (!content) continue;
		entries.push({text: content.split(/[\s,;]+/)[0]!, where: `${given}:${index + 1}`});
	}
	return checkedDates(entries);
}

function checkedDates(entries: Array<{text: string; where: string}>): string[] {
	const dates = new Set<string>();
	for (const entry of entries) {
		if (entry.text === '') continue;
		if (!isCalendarDate(entry.text)) throw new ValidationError('skip-dates', `${entry.where}: "${entry.text}" is not a date written YYYY-MM-DD`);
		dates.add(entry.text);
	}
	if (dates.size > mostSkipDates) throw new ValidationError('skip-dates', `holds ${dates.size} dates; at most ${mostSkipDates}`);
	return [...dates].sort();
}

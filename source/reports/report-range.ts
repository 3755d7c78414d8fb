import {ValidationError} from '../store/errors.js';
import {parseOrderDate} from '../orders/order-fields.js';

/** Inclusive UTC dates `YYYY-MM-DD`. */
export type ReportRange = {from: string; to: string};

export const reportPeriods = ['month', 'quarter', 'year'] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

const monthsPerPeriod: Record<ReportPeriod, number> = {month: 1, quarter: 3, year: 12};

/** Reports cover years 1970 to 9999: every date is then `YYYY-MM-DD` and sorts as text. */
export const reportYears = {first: 1970, last: 9999} as const;

/**
 * The exclusive end of 9999-12-31: sorts after every date and time of that day as text,
 * where the next day (year 10000) would not.
 */
const endOfTime = '9999-12-31\uffff';

function utc(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

function isoDate(date: Date): string {
	return date.getUTCFullYear() > reportYears.last ? endOfTime : date.toISOString().slice(0, 10);
}

/** Months counted from year 0: `2026-03-15` → 2026 * 12 + 2. */
function monthNumber(date: string): number {
	return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthText(month: number): string {
	return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** First day of the month `offset` months after the month of `date`. */
function monthStart(date: string, offset = 0): string {
	const day = utc(date);
	return isoDate(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + offset, 1)));
}

/** The next day; after 9999-12-31, a bound that sorts after all of it. */
export function dayAfter(date: string): string {
	return isoDate(new Date(utc(date).getTime() + 86_400_000));
}

function dayBefore(date: string): string {
	return isoDate(new Date(utc(date).getTime() - 86_400_000));
}

/** `2026-01` … for every month the range touches, empty ones included. */
export function monthsIn(range: ReportRange): string[] {
	const months: string[] = [];
	for (let month = monthNumber(range.from); month <= monthNumber(range.to); month++) months.push(monthText(month));
	return months;
}

/**
 * The period (month, quarter or calendar year, UTC) that holds `date`, moved by `steps`
 * periods: what `[` and `]` walk through on the Reports tab.
 */
export function periodRange(period: ReportPeriod, date: string, steps = 0): ReportRange {
	const months = monthsPerPeriod[period];
	const day = utc(date);
	const startMonth = Math.floor(day.getUTCMonth() / months) * months + steps * months;
	const from = isoDate(new Date(Date.UTC(day.getUTCFullYear(), startMonth, 1)));
	return {from, to: dayBefore(monthStart(from, months))};
}

function reportDate(text: string, field: 'from' | 'to'): string {
	const date = parseOrderDate(text, field);
	const year = Number(date.slice(0, 4));
	if (year < reportYears.first || year > reportYears.last) {
		throw new ValidationError(field, `${date} is outside the years a report covers (${reportYears.first}-01-01 to ${reportYears.last}-12-31)`);
	}
	return date;
}

/** The CLI's range: `--from`/`--to` as given, else the twelve months up to today. */
export function reportRangeOf(flags: {from?: string; to?: string}, today: string): ReportRange {
	const to = flags.to ? reportDate(flags.to, 'to') : today;
	const from = flags.from ? reportDate(flags.from, 'from') : maxDate(monthStart(to, -11), `${reportYears.first}-01-01`);
	if (from > to) throw new ValidationError('from', `${from} is after --to ${to}`);
	return {from, to};
}

function endsMonth(date: string): boolean {
	const day = utc(date);
	return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate() === day.getUTCDate();
}

function maxDate(a: string, b: string): string {
	return a > b ? a : b;
}

/**
 * A range as whole UTC months plus the cut days at either end: `2026-01-15 … 2026-03-10`
 * is February whole, with 15–31 January and 1–10 March as edges.
 */
export function splitByMonths(range: ReportRange): {months?: {first: string; last: string}; edges: ReportRange[]} {
	const first = range.from.endsWith('-01') ? monthNumber(range.from) : monthNumber(range.from) + 1;
	const last = endsMonth(range.to) ? monthNumber(range.to) : monthNumber(range.to) - 1;
	if (first > last) return {edges: [range]};
	const edges: ReportRange[] = [];
	const firstDay = `${monthText(first)}-01`;
	if (range.from < firstDay) edges.push({from: range.from, to: dayBefore(firstDay)});
	if (monthNumber(range.to) > last) edges.push({from: `${monthText(last + 1)}-01`, to: range.to});
	return {months: {first: monthText(first), last: monthText(last)}, edges};
}

/**
 * The one calendar month, quarter or year (UTC) a range covers exactly, keyed as the
 * customer rollups key it (`2026-03`, `2026-Q1`, `2026`); undefined for any other range.
 */
export function wholePeriod(range: ReportRange): {period: ReportPeriod; key: string} | undefined {
	const {months, edges} = splitByMonths(range);
	if (!months || edges.length > 0) return undefined;
	const first = monthNumber(months.first);
	const count = monthNumber(months.last) - first + 1;
	const year = months.first.slice(0, 4);
	if (count === 1) return {period: 'month', key: months.first};
	if (count === 3 && first % 3 === 0) return {period: 'quarter', key: `${year}-Q${(first % 12) / 3 + 1}`};
	if (count === 12 && first % 12 === 0) return {period: 'year', key: year};
	return undefined;
}

/**
 * Whole months (`2026-01` … `2026-12`, as splitByMonths gives them) as the fewest calendar
 * years, quarters and months, for rollups kept at each: `2025-12 … 2026-11` is December 2025,
 * 2026 Q1 to Q3, October and November.
 */
export function calendarPiecesOf(months: {first: string; last: string}): {years: string[]; quarters: string[]; months: string[]} {
	const pieces = {years: [] as string[], quarters: [] as string[], months: [] as string[]};
	const last = monthNumber(months.last);
	for (let month = monthNumber(months.first); month <= last;) {
		const year = String(Math.floor(month / 12)).padStart(4, '0');
		if (month % 12 === 0 && month + 11 <= last) {
			pieces.years.push(year);
			month += 12;
		} else if (month % 3 === 0 && month + 2 <= last) {
			pieces.quarters.push(`${year}-Q${(month % 12) / 3 + 1}`);
			month += 3;
		} else {
			pieces.months.push(monthText(month));
			month++;
		}
	}
	return pieces;
}

/** How a range reads on screen: `2026-01`, `2026 Q1`, `2026`, or `2026-01-05 … 2026-02-10`. */
export function describeRange(range: ReportRange): string {
	const months = monthsIn(range);
	const whole = range.from === `${months[0]}-01` && dayAfter(range.to) === monthStart(`${months.at(-1)}-01`, 1);
	if (whole && months.length === 1) return months[0]!;
	if (whole && months.length === 3 && (Number(months[0]!.slice(5)) - 1) % 3 === 0) {
		return `${months[0]!.slice(0, 4)} Q${(Number(months[0]!.slice(5)) + 2) / 3}`;
	}
	if (whole && months.length === 12 && months[0]!.endsWith('-01')) return months[0]!.slice(0, 4);
	return `${range.from} … ${range.to}`;
}

import {ValidationError} from '../store/errors.js';
import {parseOrderDate} from '../orders/order-fields.js';

/** Inclusive UTC dates `YYYY-MM-DD`. */
export type ReportRange = {from: string; to: string};

export const reportPeriods = ['month', 'quarter', 'year'] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

const monthsPerPeriod: Record<ReportPeriod, number> = {month: 1, quarter: 3, year: 12};

function utc(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** First day of the month `offset` months after the month of `date`. */
function monthStart(date: string, offset = 0): string {
	const day = utc(date);
	return isoDate(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + offset, 1)));
}

export function dayAfter(date: string): string {
	return isoDate(new Date(utc(date).getTime() + 86_400_000));
}

function dayBefore(date: string): string {
	return isoDate(new Date(utc(date).getTime() - 86_400_000));
}

/** `2026-01` … for every month the range touches, empty ones included. */
export function monthsIn(range: ReportRange): string[] {
	const months: string[] = [];
	for (let month = monthStart(range.from); month <= range.to; month = monthStart(month, 1)) months.push(month.slice(0, 7));
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

/** The CLI's range: `--from`/`--to` as given, else the twelve months up to today. */
export function reportRangeOf(flags: {from?: string; to?: string}, today: string): ReportRange {
	const to = flags.to ? parseOrderDate(flags.to, 'to') : today;
	const from = flags.from ? parseOrderDate(flags.from, 'from') : monthStart(to, -11);
	if (from > to) throw new ValidationError('from', `${from} is after --to ${to}`);
	return {from, to};
}

/**
 * A range as whole UTC months plus the cut days at either end: `2026-01-15 … 2026-03-10`
 * is February whole, with 15–31 January and 1–10 March as edges.
 */
export function splitByMonths(range: ReportRange): {months?: {first: string; last: string}; edges: ReportRange[]} {
	const firstWhole = range.from.endsWith('-01') ? range.from : monthStart(range.from, 1);
	const afterLastWhole = monthStart(dayAfter(range.to));
	if (firstWhole >= afterLastWhole) return {edges: [range]};
	const edges: ReportRange[] = [];
	if (range.from < firstWhole) edges.push({from: range.from, to: dayBefore(firstWhole)});
	if (afterLastWhole <= range.to) edges.push({from: afterLastWhole, to: range.to});
	return {months: {first: firstWhole.slice(0, 7), last: dayBefore(afterLastWhole).slice(0, 7)}, edges};
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

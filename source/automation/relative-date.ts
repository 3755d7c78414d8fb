import {ValidationError} from '../store/errors.js';
import {isCalendarDate} from './skip-dates.js';

/**
 * A point in time a segment compares with: a date (`2026-01-31`, UTC midnight), an ISO time, or
 * a span back from now (`30d`, `12w`, `6m`, `1y`), which a saved segment evaluates afresh each
 * time, as HubSpot's "in the last 30 days" does: a schedule over "no orders for 90 days" stays right.
 */
const relativePattern = /^(\d{1,4})([dwmy])$/;

export function checkSince(field: string, text: string): string {
	const value = text.trim();
	if (relativePattern.test(value) || isCalendarDate(value)) return value;
	if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
	throw new ValidationError(field, `"${text}" is not a date (2026-01-31), a time (2026-01-31T09:00:00Z) or a span back from now (30d, 12w, 6m, 1y)`);
}

/** The instant `since` stands for, as ISO-8601 UTC, at `now`. */
export function resolveSince(since: string, now: Date): string {
	const match = relativePattern.exec(since);
	if (!match) return isCalendarDate(since) ? `${since}T00:00:00.000Z` : since;
	const amount = Number(match[1]);
	const at = new Date(now.getTime());
	switch (match[2]) {
		case 'd': at.setUTCDate(at.getUTCDate() - amount); break;
		case 'w': at.setUTCDate(at.getUTCDate() - 7 * amount); break;
		case 'm': at.setUTCMonth(at.getUTCMonth() - amount); break;
		default: at.setUTCFullYear(at.getUTCFullYear() - amount);
	}
	return at.toISOString();
}

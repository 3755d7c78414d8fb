import {Cron} from 'croner';

/**
 * When a schedule is due: cron with an optional leading seconds field (`*\/5 * * * * *`), with
 * `L`, `W` and `#`, in an IANA zone, evaluated by croner (its daylight-saving rules: a fixed time
 * in the spring-forward gap runs at the first valid time after it, and once when an hour repeats;
 * an interval keeps its rhythm through both). Due times on a skip date (the zone's calendar date)
 * do not fire, as UiPath's non-working-day calendars do.
 */
export type Timing = {cron: string; timezone: string; skipDates: readonly string[]};

/** A year of daily due times all on skip dates is a calendar mistake, not a schedule. */
const mostSkipped = 400;
/** Counting missed due times stops here: "more than 1000" says enough. */
export const mostCounted = 1000;

const patternCache = new Map<string, Cron>();

function cronOf(timing: Pick<Timing, 'cron' | 'timezone'>): Cron {
	const key = `${timing.timezone}\n${timing.cron}`;
	let cron = patternCache.get(key);
	if (!cron) {
		// Vixie cron's rule: a day-of-month and a day-of-week both given means either (croner's default).
		cron = new Cron(timing.cron, {timezone: timing.timezone, paused: true, mode: '5-or-6-parts'});
		if (patternCache.size > 200) patternCache.clear();
		patternCache.set(key, cron);
	}
	return cron;
}

/** What is wrong with a cron expression, in words, or undefined when croner takes it. */
export function cronProblem(expression: string): string | undefined {
	const fields = expression.trim().split(/\s+/).filter(Boolean);
	// @daily, @weekly, @monthly...: croner's nicknames stand for one five-field expression each.
	if (!(fields.length === 1 && fields[0]!.startsWith('@')) && (fields.length < 5 || fields.length > 6)) {
		return `expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading seconds field, got ${fields.length}`;
	}
	try {
		new Cron(expression, {paused: true, mode: '5-or-6-parts'});
		return undefined;
	} catch (error) {
		return (error as Error).message.replace(/^CronPattern: /, '');
	}
}

export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', {timeZone: zone});
		return zone.trim() !== '';
	} catch {
		return false;
	}
}

/** The zone a schedule takes when none is given: this machine's. */
export function localTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(instant: Date, timezone: string): string {
	let format = dateFormats.get(timezone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit'});
		dateFormats.set(timezone, format);
	}
	return format.format(instant);
}

/** `2026-03-30 09:00:00 Europe/Berlin`: a due time as the people who set it read it. */
export function localTime(instant: Date, timezone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
	}).formatToParts(instant);
	const part = (type: string) => parts.find(entry => entry.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${timezone}`;
}

function skipped(timing: Timing, instant: Date): boolean {
	return timing.skipDates.length > 0 && timing.skipDates.includes(localDate(instant, timing.timezone));
}

/** The first due time strictly after `after`, skip dates left out; null when there is none. */
export function nextDue(timing: Timing, after: Date): Date | null {
	const cron = cronOf(timing);
	let candidate = cron.nextRun(after);
	for (let passes = 0; candidate && skipped(timing, candidate); passes++) {
		if (passes >= mostSkipped) return null;
		candidate = cron.nextRun(candidate);
	}
	return candidate;
}

/** The next `count` due times after `after`. */
export function nextDueTimes(timing: Timing, after: Date, count: number): Date[] {
	const times: Date[] = [];
	let from = after;
	while (times.length < count) {
		const next = nextDue(timing, from);
		if (!next) break;
		times.push(next);
		from = next;
	}
	return times;
}

/** The latest due time at or before `upTo` (skip dates left out), or null. */
export function latestDue(timing: Timing, upTo: Date): Date | null {
	const cron = cronOf(timing);
	// previousRuns is strict: a due time exactly at upTo counts.
	let candidate: Date | null = cron.previousRuns(1, new Date(upTo.getTime() + 1))[0] ?? null;
	for (let passes = 0; candidate && skipped(timing, candidate); passes++) {
		if (passes >= mostSkipped) return null;
		candidate = cron.previousRuns(1, candidate)[0] ?? null;
	}
	return candidate;
}

/**
 * What is due now for a schedule whose due times up to `done` were handled: the latest due
 * time up to `now`, and how many earlier ones were missed meanwhile (no worker ran). Missed
 * times fire once, as the latest, never once each.
 */
export function dueNow(timing: Timing, done: Date, now: Date): {due: Date; missed: number} | undefined {
	const first = nextDue(timing, done);
	if (!first || first > now) return undefined;
	const due = latestDue(timing, now);
	if (!due || due <= done) return undefined;
	let missed = 0;
	for (let at = first; at < due && missed <= mostCounted;) {
		missed++;
		const next = nextDue(timing, at);
		if (!next) break;
		at = next;
	}
	return {due, missed};
}

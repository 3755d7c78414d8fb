import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cronProblem, dueNow, isTimeZone, latestDue, localTime, nextDueTimes, type Timing} from '../../source/automation/cron.js';
import {readSkipDates} from '../../source/automation/skip-dates.js';
import {tempFolder} from '../support/temp-db.js';

const at = (text: string) => new Date(text);
const iso = (dates: Date[]) => dates.map(date => date.toISOString());
const timing = (cron: string, timezone = 'UTC', skipDates: string[] = []): Timing => ({cron, timezone, skipDates});

describe('due times', () => {
	it('takes an optional leading seconds field', () => {
		expect(iso(nextDueTimes(timing('*/5 * * * * *'), at('2026-01-01T00:00:01Z'), 3))).toEqual(['2026-01-01T00:00:05.000Z', '2026-01-01T00:00:10.000Z', '2026-01-01T00:00:15.000Z']);
		expect(iso(nextDueTimes(timing('15 * * * *'), at('2026-01-01T00:00:00Z'), 2))).toEqual(['2026-01-01T00:15:00.000Z', '2026-01-01T01:15:00.000Z']);
	});

	it('reads weekdays at 9:00 in Berlin across the spring change to summer time', () => {
		// 2026-03-29 is the last Sunday of March: 9:00 in Berlin is 08:00 UTC before, 07:00 after.
		expect(iso(nextDueTimes(timing('0 9 * * MON-FRI', 'Europe/Berlin'), at('2026-03-27T00:00:00Z'), 3))).toEqual([
			'2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z',
		]);
	});

	it('handles daylight-saving days as croner does: a time in the gap runs after it, a repeated time once', () => {
		// 02:30 does not exist in Berlin on 2026-03-29: the job runs at 03:00 CEST (01:00 UTC).
		expect(iso(nextDueTimes(timing('30 2 * * *', 'Europe/Berlin'), at('2026-03-28T00:00:00Z'), 3))).toEqual([
			'2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z',
		]);
		// 02:30 happens twice on 2026-10-25: a fixed time runs at the first only.
		expect(iso(nextDueTimes(timing('30 2 * * *', 'Europe/Berlin'), at('2026-10-24T12:00:00Z'), 2))).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
		// An interval keeps going through the repeated hour: both 02:00 and both 02:30.
		expect(iso(nextDueTimes(timing('*/30 * * * *', 'Europe/Berlin'), at('2026-10-24T23:50:00Z'), 6))).toEqual([
			'2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T02:30:00.000Z',
		]);
	});

	it('knows L (last day), W (nearest weekday) and # (nth weekday)', () => {
		expect(iso(nextDueTimes(timing('0 12 L * *'), at('2026-01-01T00:00:00Z'), 2))).toEqual(['2026-01-31T12:00:00.000Z', '2026-02-28T12:00:00.000Z']);
		// 2026-02-15 is a Sunday: the nearest weekday is Monday the 16th.
		expect(iso(nextDueTimes(timing('0 12 15W * *'), at('2026-02-01T00:00:00Z'), 1))).toEqual(['2026-02-16T12:00:00.000Z']);
		expect(iso(nextDueTimes(timing('0 12 * * FRI#2'), at('2026-01-01T00:00:00Z'), 2))).toEqual(['2026-01-09T12:00:00.000Z', '2026-02-13T12:00:00.000Z']);
		expect(iso(nextDueTimes(timing('0 12 * * 5L'), at('2026-01-01T00:00:00Z'), 1))).toEqual(['2026-01-30T12:00:00.000Z']);
	});

	it('leaves out skip dates, which are dates of the schedule\'s zone', () => {
		const easter = timing('0 9 * * MON-FRI', 'Europe/Berlin', ['2026-04-03', '2026-04-06']);
		expect(iso(nextDueTimes(easter, at('2026-04-02T08:00:00Z'), 2))).toEqual(['2026-04-07T07:00:00.000Z', '2026-04-08T07:00:00.000Z']);
		// 00:30 in Auckland on the 3rd is still the 2nd in UTC: the zone's date decides.
		const auckland = timing('30 0 * * *', 'Pacific/Auckland', ['2026-04-03']);
		expect(nextDueTimes(auckland, at('2026-04-01T00:00:00Z'), 2).map(date => localTime(date, 'Pacific/Auckland'))).toEqual([
			'2026-04-02 00:30:00 Pacific/Auckland', '2026-04-04 00:30:00 Pacific/Auckland',
		]);
		expect(latestDue(easter, at('2026-04-06T12:00:00Z'))!.toISOString()).toBe('2026-04-02T07:00:00.000Z');
	});

	it('folds due times missed while no worker ran into one, and counts them', () => {
		const every2s = timing('*/2 * * * * *');
		expect(dueNow(every2s, at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:10.500Z'))).toEqual({due: at('2026-01-01T00:00:10Z'), missed: 4});
		expect(dueNow(every2s, at('2026-01-01T00:00:10Z'), at('2026-01-01T00:00:11.900Z'))).toBeUndefined();
		expect(dueNow(every2s, at('2026-01-01T00:00:10Z'), at('2026-01-01T00:00:12Z'))).toEqual({due: at('2026-01-01T00:00:12Z'), missed: 0});
	});

	it('explains a bad expression or zone', () => {
		expect(cronProblem('*/2 * * * * *')).toBeUndefined();
		expect(cronProblem('@daily')).toBeUndefined();
		expect(cronProblem('* * * *')).toContain('expected 5 fields');
		expect(cronProblem('* * * * * * 2026')).toContain('got 7');
		expect(cronProblem('61 * * * *')).toContain('minute');
		expect(cronProblem('0 9 * * FUN')).toBeDefined();
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('Mars/Base')).toBe(false);
	});
});

describe('skip dates', () => {
	it('reads a holiday file with names and comments, or a list; a bad date names its line', () => {
		const file = path.join(tempFolder(), 'holidays.txt');
		fs.writeFileSync(file, '# Berlin 2026\n2026-12-25 Christmas Day\n\n2026-12-26  Boxing Day\r\n2026-01-01,New Year\n2026-12-25 again\n');
		expect(readSkipDates(file)).toEqual(['2026-01-01', '2026-12-25', '2026-12-26']);
		expect(readSkipDates('2026-12-25, 2026-01-01')).toEqual(['2026-01-01', '2026-12-25']);
		fs.appendFileSync(file, '2026-02-30 not a day\n');
		expect(() => readSkipDates(file)).toThrow(`${file}:7: "2026-02-30" is not a date written YYYY-MM-DD`);
		expect(() => readSkipDates('2026-12-25,25.12.2026')).toThrow('--skip-dates entry 2: "25.12.2026" is not a date');
		expect(() => readSkipDates(path.join(tempFolder(), 'missing.txt'))).toThrow('cannot read it: no such file');
	});
});

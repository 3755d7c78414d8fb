import {describe, expect, it} from 'vitest';
import {nextPeriod} from '../../source/screens/reports-state.js';
import {describeRange, periodRange, type ReportPeriod} from '../../source/reports/report-range.js';

const shown = (period: ReportPeriod, offset: number, today: string) => describeRange(periodRange(period, today, offset));

describe('p on the Reports tab', () => {
	it('keeps the period on screen: the next kind is the one holding its first month', () => {
		const today = '2026-12-02';
		// September 2026, three months back: Q3, then 2026, then September again (month by month, back round).
		let view = {period: 'month' as const, offset: -3};
		expect(shown(view.period, view.offset, today)).toBe('2026-09');
		const quarter = nextPeriod(view, today);
		expect(shown(quarter.period, quarter.offset, today)).toBe('2026 Q3');
		const year = nextPeriod(quarter, today);
		expect(shown(year.period, year.offset, today)).toBe('2026');
		const month = nextPeriod(year, today);
		expect(shown(month.period, month.offset, today)).toBe('2026-01');
		// Across a year: December 2025 from a January.
		view = {period: 'month', offset: -1};
		const january = '2027-01-15';
		expect(shown(view.period, view.offset, january)).toBe('2026-12');
		const lastQuarter = nextPeriod(view, january);
		expect(shown(lastQuarter.period, lastQuarter.offset, january)).toBe('2026 Q4');
		const lastYear = nextPeriod(lastQuarter, january);
		expect(shown(lastYear.period, lastYear.offset, january)).toBe('2026');
		// Today's period stays today's.
		expect(nextPeriod({period: 'month', offset: 0}, today)).toMatchObject({period: 'quarter', offset: 0});
		expect(nextPeriod({period: 'quarter', offset: 0, currency: 'EUR'}, today)).toEqual({period: 'year', offset: 0, currency: 'EUR'});
	});
});

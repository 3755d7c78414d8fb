import {useState} from 'react';
import {dashboard, orderCurrencies, type Dashboard} from '../reports/dashboard.js';
import {reportPeriods, type ReportPeriod} from '../reports/report-range.js';
import {defaultCurrency} from '../orders/order-fields.js';
import {useQuery} from '../hooks/use-query.js';

export type ReportsView = {period: ReportPeriod; offset: number; currency?: string};

const monthsIn: Record<ReportPeriod, number> = {month: 1, quarter: 3, year: 12};

/**
 * `p`: the next kind of period, the one holding the first month of the period on screen
 * (September, then `p`: Q3, then 2026), so switching never jumps back to today's unnoticed.
 */
export function nextPeriod(view: ReportsView, today: string): ReportsView {
	const period = reportPeriods[(reportPeriods.indexOf(view.period) + 1) % reportPeriods.length]!;
	// Months counted from year 0: today's, and the first of the period on screen.
	const now = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
	const from = monthsIn[view.period];
	const shown = Math.floor(now / from) * from + view.offset * from;
	const to = monthsIn[period];
	return {...view, period, offset: Math.floor(shown / to) - Math.floor(now / to)};
}

/**
 * `]`: the next period, or undefined on the period holding `today` (offset 0): the desk's
 * clock has no figures past it, only empty reports.
 */
export function laterPeriod(view: ReportsView): ReportsView | undefined {
	return view.offset < 0 ? {...view, offset: view.offset + 1} : undefined;
}

/** `c`: the next currency with orders. */
export function nextCurrency(view: ReportsView, currencies: readonly string[]): ReportsView {
	if (currencies.length === 0) return view;
	const index = view.currency ? currencies.indexOf(view.currency) : -1;
	return {...view, currency: currencies[(index + 1) % currencies.length]};
}

/** The configured currency when orders use it, else the first one with orders. */
function startingCurrency(currencies: readonly string[]): string | undefined {
	let configured: string | undefined;
	try {
		configured = defaultCurrency();
	} catch {
		configured = undefined;
	}
	return configured && currencies.includes(configured) ? configured : currencies[0];
}

/**
 * The Reports tab's state: which period, how far back, which currency, and the figures for
 * them, read from the rollups when any of these or the data change. While new figures are
 * read the previous ones stay on screen; undefined only before the first read.
 */
export function useReports(today: string): {view: ReportsView; figures: Dashboard | undefined; setView: (view: ReportsView) => void} {
	const [view, setView] = useState<ReportsView>({period: 'month', offset: 0});
	const {value: figures} = useQuery<Dashboard>(`${today}\u0000${view.period}\u0000${view.offset}\u0000${view.currency ?? ''}`, async ({db}) => {
		const currency = view.currency ?? startingCurrency(await orderCurrencies(db));
		return dashboard(db, {period: view.period, offset: view.offset, currency, today});
	});
	return {view: {...view, currency: view.currency ?? figures?.currency}, figures, setView};
}

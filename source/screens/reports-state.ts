import {useMemo, useState} from 'react';
import type {Database} from 'better-sqlite3';
import {dashboard, orderCurrencies, type Dashboard} from '../reports/dashboard.js';
import {reportPeriods, type ReportPeriod} from '../reports/report-range.js';
import {defaultCurrency} from '../orders/order-fields.js';

export type ReportsView = {period: ReportPeriod; offset: number; currency?: string};

/** `p`: the next period, back to the one holding today (the old offset means nothing in new units). */
export function nextPeriod(view: ReportsView): ReportsView {
	const period = reportPeriods[(reportPeriods.indexOf(view.period) + 1) % reportPeriods.length]!;
	return {...view, period, offset: 0};
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
 * them (recomputed from the rollups when any of these or the data change).
 */
export function useReports(db: Database, today: string, dataVersion: number): {view: ReportsView; figures: Dashboard; setView: (view: ReportsView) => void} {
	const [view, setView] = useState<ReportsView>({period: 'month', offset: 0});
	const figures = useMemo(() => {
		const currency = view.currency ?? startingCurrency(orderCurrencies(db));
		return dashboard(db, {period: view.period, offset: view.offset, currency, today});
		// eslint-disable-next-line react-hooks/exhaustive-deps -- dataVersion: recompute when another process changed the database
	}, [db, today, view, dataVersion]);
	return {view: {...view, currency: figures.currency}, figures, setView};
}

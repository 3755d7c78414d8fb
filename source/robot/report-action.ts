import {dashboard} from '../reports/dashboard.js';
import type {ReportPeriod} from '../reports/report-range.js';
import {todayUtc} from '../orders/order-fields.js';
import {exportDashboard, exportFolderFor} from '../screens/reports-export.js';
import type {Db} from '../store/store.js';

export type ReportQuery = {period: ReportPeriod; offset: number; currency?: string};

/** Writes one report's files and resolves to their paths. */
export type Reporter = (query: ReportQuery) => Promise<string[]>;

/**
 * A report step writes what `x` on the Reports tab writes (CSV and Markdown of the period, in
 * the export folder beside the database, or OPSDESK_EXPORT_DIR), from the same figures.
 */
export function reportWriter(db: Db, databasePath: string): Reporter {
	return async query => exportDashboard(await dashboard(db, {...query, today: todayUtc()}), exportFolderFor(databasePath));
}

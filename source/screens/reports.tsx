import {Box, Text} from 'ink';
import type {ScreenProps} from '../components/screen-props.js';
import {useDesk} from '../components/desk-context.js';
import {BarChart} from '../components/bar-chart.js';
import {ReportTable, reportTableHeight, reportTableWidth} from '../components/report-table.js';
import {monthLabel} from '../components/bar-chart-lines.js';
import {tint} from '../components/theme.js';
import {fitText} from '../components/fit-text.js';
import {visible} from '../text/visible.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {layerPriority} from '../keys/bindings.js';
import {describeRange, periodRange} from '../reports/report-range.js';
import {formatMoney, todayUtc} from '../orders/order-fields.js';
import {reportsKeys} from './reports-keys.js';
import {laterPeriod, nextCurrency, nextPeriod, useReports} from './reports-state.js';
import {exportDashboard, exportFolderFor, headlineEntries} from './reports-export.js';
import {formatCount, formatSeconds, formatTableAmount} from './reports-format.js';

type Props = ScreenProps & {
	/** The day "this month" is about; today (UTC) unless a test fixes it. */
	today?: string;
	/** Where `x` writes; beside the database unless given. */
	exportFolder?: string;
};

// Title and two headline lines; the chart's caption, margin and month labels; a margin and the tables' caption.
const fixedRows = 3 + 3 + 2;
// The pipeline has a line per status.
const pipelineRows = reportTableHeight(5);

/**
 * The Reports tab: headline figures, twelve months of revenue as bars, the top customers
 * and the pipeline as tables, and the robots' figures, for one period and one currency.
 * Everything comes from the rollups (source/reports), so a key press redraws in milliseconds
 * even at millions of orders.
 */
export function ReportsScreen({width, height, today = todayUtc(), exportFolder}: Props) {
	const desk = useDesk();
	const {view, figures, setView} = useReports(today);
	useKeyLayer('Reports', reportsKeys, {
		earlier: () => setView({...view, offset: view.offset - 1}),
		later: () => {
			const later = laterPeriod(view);
			if (later) setView(later);
			else desk.notify(`no later ${view.period}: ${describeRange(periodRange(view.period, today))} holds today`, 'info');
		},
		period: () => setView(nextPeriod(view, today)),
		currency: figures && figures.currencies.length > 1 ? () => setView(nextCurrency(view, figures.currencies)) : undefined,
		export: figures && (() => {
			const written = exportDashboard(figures, exportFolder ?? exportFolderFor(desk.databasePath));
			desk.notify(`exported to ${written.join(' and ')}`, 'success');
		}),
	}, {priority: layerPriority.screen});
	// Before the first figures are in: the frame, nothing to misread as zero.
	if (!figures) return <Box width={width} height={height} paddingLeft={1}><Text dimColor>{`${view.period} …`}</Text></Box>;

	const currency = figures.currency ?? '';
	const rangeMonths = new Set(figures.report.revenue_by_month.map(row => row.month));
	// The chart takes what the tables leave (3 to 10 rows); the top list grows into any room beyond.
	const chartHeight = Math.max(3, Math.min(10, height - fixedRows - pipelineRows));
	const topCount = Math.max(1, Math.min(10, height - fixedRows - chartHeight - 1));
	const top = figures.report.top_customers.slice(0, topCount).map(row => ({
		'#': row.rank, customer: fitText(row.name, 20).trimEnd(), revenue: formatTableAmount(row.revenue), orders: formatCount(row.orders),
	}));
	const pipeline = figures.report.pipeline.map(row => ({status: row.status, orders: formatCount(row.orders), value: formatTableAmount(row.value)}));
	const robots = figures.report.robots.map(row => ({
		robot: fitText(row.robot, 14).trimEnd(), ok: formatCount(row.succeeded), failed: formatCount(row.failed), median: row.median_ms === null ? '' : formatSeconds(row.median_ms),
	}));
	// The robots' table shows when it fits beside the others; else a line per robot.
	const gap = 3;
	const besideWidth = 1 + Math.max(reportTableWidth(top), 'top customers'.length) + gap + Math.max(reportTableWidth(pipeline), 'pipeline (by placed date)'.length) + gap;
	const robotsFit = robots.length === 0 || besideWidth + reportTableWidth(robots) <= width;
	const headline = headlineEntries(figures);
	// Ink clips by cutting every line drawn inside the box, a third of this screen's drawing
	// time. The layout above is sized to fit, so it clips only when it does not: a terminal
	// too narrow for the tables side by side, or more robots than rows.
	const tableRows = Math.max(top.length > 0 ? reportTableHeight(top.length) : 1, pipelineRows, robots.length === 0 ? 1 : robotsFit ? reportTableHeight(robots.length) : robots.length);
	const fits = besideWidth <= width && fixedRows + chartHeight + tableRows <= height;

	return (
		<Box flexDirection="column" width={width} height={height} overflow={fits ? 'visible' : 'hidden'} paddingLeft={1}>
			<Box flexDirection="column" flexShrink={0}>
				<Text wrap="truncate">
					<Text bold>{describeRange(figures.range)}</Text>
					<Text dimColor>{`  ${view.period} · ${currency || 'no orders yet'}${figures.currencies.length > 1 ? ` (of ${figures.currencies.join(', ')})` : ''}`}</Text>
				</Text>
				{[headline.slice(0, 2), headline.slice(2)].map((entries, line) => (
					<Text key={line} wrap="truncate">
						{entries.map(([label, value], index) => (
							<Text key={label}>
								{index > 0 ? '   ' : ''}
								<Text dimColor>{label} </Text>
								<Text bold color={tint(desk.color, line === 0 && index === 0 ? 'green' : 'white')}>{value}</Text>
							</Text>
						))}
					</Text>
				))}
			</Box>
			<Box marginTop={1} flexDirection="column" flexShrink={0}>
				<Text dimColor>{`revenue by month (tallest ${formatMoney(Math.max(0, ...figures.chart.map(row => row.revenue)), currency)})`}</Text>
				<BarChart
					bars={figures.chart.map(row => ({label: monthLabel(row.month), value: row.revenue}))}
					height={chartHeight}
					highlighted={new Set(figures.chart.flatMap((row, index) => (rangeMonths.has(row.month) ? [index] : [])))}
					color={desk.color}
				/>
			</Box>
			<Box marginTop={1} flexDirection="row" gap={gap} flexShrink={0}>
				<Box flexDirection="column" flexShrink={0}>
					<Text dimColor>top customers</Text>
					{top.length > 0 ? <ReportTable rows={top} /> : <Text dimColor>no revenue in this period</Text>}
				</Box>
				<Box flexDirection="column" flexShrink={0}>
					<Text dimColor>pipeline (by placed date)</Text>
					<ReportTable rows={pipeline} />
				</Box>
				<Box flexDirection="column" flexShrink={robotsFit ? 0 : 1}>
					<Text dimColor wrap="truncate">robots</Text>
					{robots.length === 0 ? <Text dimColor>no jobs finished</Text> : robotsFit ? <ReportTable rows={robots} /> : (
						figures.report.robots.map(row => (
							<Text key={row.robot} wrap="truncate">{visible(`${row.robot} ${formatCount(row.succeeded)}✓ ${formatCount(row.failed)}✗ ${row.median_ms === null ? '' : formatSeconds(row.median_ms)}`)}</Text>
						))
					)}
				</Box>
			</Box>
		</Box>
	);
}

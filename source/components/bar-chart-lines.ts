import stringWidth from '../text/text-width.js';

export type Bar = {label: string; value: number};

export type BarChartShape = {
	/** Rows top to bottom; each row holds one cell (barWidth wide) per bar. */
	rows: string[][];
	/** One label per bar, cut or centred to barWidth. */
	labels: string[];
	/** The value a full-height bar stands for. */
	max: number;
};

const eighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

function centre(text: string, width: number): string {
	let cut = text;
	while (stringWidth(cut) > width) cut = cut.slice(0, -1);
	const room = width - stringWidth(cut);
	return ' '.repeat(Math.floor(room / 2)) + cut + ' '.repeat(Math.ceil(room / 2));
}

/**
 * Vertical bars in block characters, an eighth of a row at a time. Pure, so the chart is
 * tested without Ink. A bar above zero always shows at least a sliver; a zero shows none,
 * so an empty month reads as empty, not as small.
 */
export function barChartShape(bars: readonly Bar[], options: {height: number; barWidth: number}): BarChartShape {
	const height = Math.max(1, options.height);
	const max = Math.max(0, ...bars.map(bar => bar.value));
	const units = bars.map(bar => (bar.value <= 0 || max === 0 ? 0 : Math.max(1, Math.round((bar.value / max) * height * 8))));
	const rows = Array.from({length: height}, (_, row) => {
		const fromBottom = height - 1 - row;
		return units.map(unit => eighths[Math.min(8, Math.max(0, unit - fromBottom * 8))]!.repeat(options.barWidth));
	});
	return {rows, labels: bars.map(bar => centre(bar.label, options.barWidth)), max};
}

/** The chart as plain lines (bars separated by one space), for text exports and tests. */
export function barChartLines(bars: readonly Bar[], options: {height: number; barWidth: number}): string[] {
	const shape = barChartShape(bars, options);
	return [...shape.rows, shape.labels].map(cells => cells.join(' ').trimEnd());
}

/** `2026-03` → `Mar`: a month label that fits a three-cell bar. */
export function monthLabel(month: string): string {
	return ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(month.slice(5, 7)) - 1] ?? month;
}

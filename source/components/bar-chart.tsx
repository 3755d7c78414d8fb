import {Box, Text} from 'ink';
import {barChartShape, type Bar} from './bar-chart-lines.js';

type Props = {
	bars: readonly Bar[];
	height: number;
	barWidth?: number;
	/** Bars drawn in the accent colour: the period on screen, a run of neighbouring bars. */
	highlighted?: ReadonlySet<number>;
	color?: boolean;
};

/** Vertical bars drawn with block characters; the shape comes from the pure barChartShape. */
export function BarChart({bars, height, barWidth = 3, highlighted = new Set(), color = true}: Props) {
	const shape = barChartShape(bars, {height, barWidth});
	// The highlighted bars are one run (the period on screen): each line is at most three
	// pieces of text, so a frame stays a few dozen Ink nodes however many bars there are.
	const marked = [...highlighted].sort((a, b) => a - b);
	const first = marked[0] ?? bars.length;
	const last = marked.at(-1) ?? bars.length - 1;
	const piece = (cells: string[], from: number, to: number) => cells.slice(from, to).map((cell, index) => (from + index > 0 ? ` ${cell}` : cell)).join('');
	return (
		<Box flexDirection="column">
			{[...shape.rows, shape.labels].map((cells, row) => (
				<Text key={row} wrap="truncate">
					{piece(cells, 0, first)}
					<Text color={color ? 'cyan' : undefined} bold={row === shape.rows.length}>{piece(cells, first, last + 1)}</Text>
					{piece(cells, last + 1, cells.length)}
				</Text>
			))}
		</Box>
	);
}

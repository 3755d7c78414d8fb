import {describe, expect, it} from 'vitest';
import {barChartLines, monthLabel} from '../../source/components/bar-chart-lines.js';

describe('bar chart formatter', () => {
	it('scales bars to the largest value in eighths of a row, an empty month shows nothing', () => {
		const lines = barChartLines([
			{label: 'Jan', value: 400}, {label: 'Feb', value: 0}, {label: 'Mar', value: 100}, {label: 'Apr', value: 1},
		], {height: 2, barWidth: 3});
		// 400 fills both rows (16 eighths); 100 is a quarter (4 eighths, ▄); 1 still shows a sliver.
		expect(lines).toEqual([
			'███',
			'███     ▄▄▄ ▁▁▁',
			'Jan Feb Mar Apr',
		]);
	});

	it('labels are centred or cut to the bar width', () => {
		expect(barChartLines([{label: 'A', value: 0}, {label: 'Long', value: 0}], {height: 1, barWidth: 3}).at(-1)).toBe(' A  Lon');
	});

	it('names months by their UTC month number', () => {
		expect(['2026-01', '2026-12'].map(monthLabel)).toEqual(['Jan', 'Dec']);
	});
});

import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {ReportTable, reportTableWidth} from '../../source/components/report-table.js';
import {textWidth} from '../../source/components/fit-text.js';

describe('report table', () => {
	it('lines columns up by the columns values take (CJK names too), numbers to the right, a line per row', () => {
		const rows = [
			{'#': 1, customer: '王小明有限公司', revenue: '1.23M', orders: 12},
			{'#': 2, customer: 'Ada Lovelace', revenue: '980.00', orders: 3},
			{'#': 10, customer: 'Zoë', revenue: '5.00', orders: 1},
		];
		const app = render(<ReportTable rows={rows} />);
		const lines = (app.lastFrame() ?? '').split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toMatch(/^ # {2}customer\s+revenue {2}orders$/);
		// The revenue column ends at the same column on every line.
		const ends = lines.slice(1).map(line => textWidth(line.slice(0, line.search(/\d+\s*$/) - 1).trimEnd()));
		expect(new Set(ends).size).toBe(1);
		expect(lines[1]).toContain('王小明有限公司');
		expect(Math.max(...lines.map(line => textWidth(line)))).toBe(reportTableWidth(rows));
		app.unmount();
	});
});

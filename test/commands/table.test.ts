import {describe, expect, it} from 'vitest';
import {TableWriter, fit, formatFields, formatTable} from '../../source/commands/table.js';

describe('plain-text tables', () => {
	it('aligns columns by terminal cells, CJK counting two', () => {
		const text = formatTable([{heading: 'ID'}, {heading: 'NAME'}, {heading: 'CITY'}], [['1', '王小明', '上海'], ['12', 'Zoë', 'Zürich']]);
		expect(text).toBe('ID  NAME    CITY\n1   王小明  上海\n12  Zoë     Zürich\n');
	});

	it('cuts long values with an ellipsis and folds line breaks', () => {
		expect(fit('Analytical Engines Ltd', 10)).toBe('Analytica…');
		expect(fit('上海明光贸易有限公司', 7)).toBe('上海明…');
		expect(formatTable([{heading: 'ADDRESS', max: 12}, {heading: 'X'}], [['12 Main St\nLondon', 'y']])).toBe('ADDRESS       X\n12 Main St …  y\n');
	});

	it('indents the further lines of a multi-line value under it', () => {
		expect(formatFields([['name', 'Ada'], ['address', 'Line one\nLine two'], ['notes', '']])).toBe('name     Ada\naddress  Line one\n         Line two\nnotes\n');
	});
});

describe('listings of any length', () => {
	it('formats hundreds of thousands of rows (no spread of every row into one call)', () => {
		const rows = Array.from({length: 200_000}, (_, index) => [String(index), `Customer ${index}`]);
		const text = formatTable([{heading: 'ID'}, {heading: 'NAME'}], rows);
		expect(text.split('\n')).toHaveLength(200_002);
		expect(text.split('\n')[1]).toBe('0       Customer 0');
	});

	it('streams: the first rows fix the widths, later ones are padded to them, short listings look as formatTable makes them', () => {
		const columns = [{heading: 'ID'}, {heading: 'NAME', max: 8}, {heading: 'CITY'}];
		const rows = [['1', 'Ada', 'Zürich'], ['22', 'Grace Hopper', '東京']];
		let written = '';
		const short = new TableWriter(columns, text => {
			written += text;
		});
		for (const row of rows) short.add(row);
		short.end();
		expect(written).toBe(formatTable(columns, rows));
		const chunks: string[] = [];
		const long = new TableWriter(columns, text => chunks.push(text), 2);
		for (const row of [...rows, ['333', 'Bo', 'Oslo']]) long.add(row);
		long.end();
		expect(chunks).toEqual(['ID  NAME      CITY\n1   Ada       Zürich\n22  Grace H…  東京\n', '333  Bo        Oslo\n']);
	});

	it('shows control characters in cells visibly, and says nothing for no rows', () => {
		expect(formatTable([{heading: 'NAME'}, {heading: 'X'}], [['a\u001b[2Jb', 'c\td']])).toBe('NAME    X\na␛[2Jb  c d\n');
		let written = '';
		const empty = new TableWriter([{heading: 'ID'}], text => {
			written += text;
		});
		empty.end();
		expect(written).toBe('');
	});
});

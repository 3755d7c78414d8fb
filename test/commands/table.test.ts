import {describe, expect, it} from 'vitest';
import {fit, formatFields, formatTable} from '../../source/commands/table.js';

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

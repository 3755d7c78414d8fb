import {describe, expect, it} from 'vitest';
import {fitPathLeft, fitText, textWidth} from '../../source/components/fit-text.js';

describe('fitText', () => {
	it('pads short text and cuts long text with an ellipsis, to exactly the width', () => {
		expect(fitText('Anna', 8)).toBe('Anna    ');
		expect(fitText('Anna Kowalski', 8)).toBe('Anna Ko…');
		expect(fitText('', 3)).toBe('   ');
		expect(fitText('anything', 0)).toBe('');
	});

	it('counts wide (CJK) characters as two columns', () => {
		expect(textWidth('王小明')).toBe(6);
		expect(fitText('王小明', 8)).toBe('王小明  ');
		expect(textWidth(fitText('王小明有限公司', 8))).toBe(8);
		// A wide character that would straddle the edge is left out rather than cut in half.
		expect(fitText('王小明有限公司', 6)).toBe('王小… ');
	});

	it('keeps accents and combined characters whole', () => {
		expect(fitText('Chloé Dubois', 6)).toBe('Chloé…');
		expect(textWidth(fitText('Søren Müller-Lüdenscheidt', 10))).toBe(10);
	});

	it('shows control characters as glyphs, so a note never breaks a row and a name never drives the terminal', () => {
		expect(fitText('line one\nline two', 20)).toBe('line one␊line two   ');
		expect(fitText('Evil \u001B[2J\u0007', 12)).toBe('Evil ␛[2J␇  ');
		expect(textWidth(fitText('Evil \u001B]52;c;aGk=\u0007 名前', 14))).toBe(14);
	});

	it('cuts paths from the left, keeping the file name', () => {
		expect(fitPathLeft('/home/operator/.local/share/opsdesk/opsdesk.db', 20)).toBe('…/opsdesk/opsdesk.db');
		expect(fitPathLeft('/tmp/a.db', 20)).toBe('/tmp/a.db');
	});
});

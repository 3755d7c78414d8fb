import {describe, expect, it} from 'vitest';
import {unprintableProblem} from '../../source/text/printable.js';
import {quoted} from '../../source/text/quoted.js';

describe('what a text field may hold', () => {
	it('one line: printable text of any script, no line break, control character or bidi override', () => {
		for (const fine of ['Zoë Müller', '王小明', 'أحمد\u200f', 'emoji 👩‍💻', '']) expect(unprintableProblem(fine, 'one-line'), fine).toBeUndefined();
		expect(unprintableProblem('a\nb', 'one-line')).toBe('must be on one line');
		expect(unprintableProblem('a\tb', 'one-line')).toMatch(/^contains TAB \(U\+0009\); control characters and bidi overrides are refused/);
		expect(unprintableProblem('\u0085', 'one-line')).toMatch(/^contains the control character U\+0085/);
		expect(unprintableProblem('x\u2066y', 'one-line')).toMatch(/^contains the bidi control U\+2066/);
	});

	it('multi-line: line breaks (also CRLF) and tabs too, nothing else', () => {
		expect(unprintableProblem('1 Main St\r\n\tFlat 2\nTown', 'multi-line')).toBeUndefined();
		expect(unprintableProblem('a\u001b[2Jb', 'multi-line')).toMatch(/^contains ESC \(U\+001B\); besides line breaks and tabs, control characters and bidi overrides are refused/);
		expect(unprintableProblem('\u0000', 'multi-line')).toMatch(/^contains NUL/);
	});
});

describe('a value quoted in a message', () => {
	it('is shown visibly and cut', () => {
		expect(quoted('vip')).toBe('"vip"');
		expect(quoted('\u001b[2J')).toBe('"␛[2J"');
		expect(quoted('x'.repeat(100), 10)).toBe(`"${'x'.repeat(9)}…"`);
	});
});

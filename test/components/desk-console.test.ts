import fs from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {holdConsoleOutput} from '../../source/desk-terminal.js';
import {tempFolder} from '../support/temp-db.js';

const stateHome = process.env.XDG_STATE_HOME;
afterEach(() => {
	if (stateHome === undefined) delete process.env.XDG_STATE_HOME;
	else process.env.XDG_STATE_HOME = stateHome;
});

describe('console output while the desk is open', () => {
	it('is kept off the screen and saved to a file named afterwards', () => {
		process.env.XDG_STATE_HOME = tempFolder();
		const held = holdConsoleOutput();
		console.log('a stray log line', {id: 7});
		console.warn('a library warning');
		process.stderr.write('raw stderr text\n');
		const file = held.restore();
		expect(file).toBeDefined();
		const text = fs.readFileSync(file!, 'utf8');
		expect(text).toContain("log: a stray log line { id: 7 }");
		expect(text).toContain('warn: a library warning');
		expect(text).toContain('raw stderr text');
	});

	it('leaves no file when nothing was written, and puts the console back', () => {
		process.env.XDG_STATE_HOME = tempFolder();
		const original = console.log;
		const held = holdConsoleOutput();
		expect(console.log).not.toBe(original);
		expect(held.restore()).toBeUndefined();
		expect(console.log).toBe(original);
		expect(fs.readdirSync(process.env.XDG_STATE_HOME)).toEqual([]);
	});
});

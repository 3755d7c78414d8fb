import {Key} from '@nut-tree-fork/shared';
import {describe, expect, it} from 'vitest';
import {keyByName, nutKeyNames, parseCombo} from '../../source/robot/keys.js';

describe('key names', () => {
	it('are exactly the names of nut-js Key enum', () => {
		const enumNames = Object.keys(Key).filter(name => Number.isNaN(Number(name)));
		expect([...nutKeyNames].sort()).toEqual(enumNames.sort());
	});

	it('map Enter to Return (keypad Enter is ignored by many applications) and accept modifier names', () => {
		expect(parseCombo('Enter')).toEqual({keys: ['Return']});
		expect(parseCombo('Control+Shift+s')).toEqual({keys: ['LeftControl', 'LeftShift', 'S']});
		expect(parseCombo('Ctrl+Alt+Super+F5')).toEqual({keys: ['LeftControl', 'LeftAlt', 'LeftSuper', 'F5']});
		expect(keyByName('7')).toBe('Num7');
	});

	it('name the unknown key and refuse empty parts', () => {
		expect(parseCombo('Control+Shfit+S')).toEqual({error: expect.stringContaining('unknown key "Shfit"')});
		expect(parseCombo('Control+')).toEqual({error: expect.stringContaining('not a key combination')});
	});
});

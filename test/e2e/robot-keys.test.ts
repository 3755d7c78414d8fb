import {describe, expect, it} from 'vitest';
import {pressableKeys} from '../../source/robot/pressable-keys.js';
import {parseCombo} from '../../source/robot/keys.js';
import {hasCommands} from '../support/requires.js';
import {pressableKeysSource, probePressableKeys} from '../../scripts/probe-keys.js';

const canRun = hasCommands('Xvfb');

describe.runIf(canRun)('the key names robot check accepts', () => {
	it('are the ones a probe on Xvfb really pressed (run scripts/probe-keys.ts when this fails)', async () => {
		const probed = await probePressableKeys();
		expect(pressableKeysSource(probed)).toBe(pressableKeysSource(pressableKeys));
		// F13-F24, Clear, Menu and Cmd used to end the desktop process; they are pressed now. Fn never reaches X.
		for (const name of ['F13', 'F24', 'Clear', 'Menu', 'LeftCmd']) expect(probed).toContain(name);
		expect(probed).not.toContain('Fn');
		expect(parseCombo('Control+F13')).toEqual({keys: ['LeftControl', 'F13']});
	});
});

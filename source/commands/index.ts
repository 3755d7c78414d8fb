import type {Command} from './command.js';
import {customerCommands} from './customers.js';

/** Every headless command. Each feature adds its list here; the help text is generated from it. */
export const commands: readonly Command[] = [
	...customerCommands,
];

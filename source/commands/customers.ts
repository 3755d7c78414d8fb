import type {Command} from './command.js';

export const customerCommands: Command[] = [];

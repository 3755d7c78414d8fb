import {UserError, exitCodes} from '../store/errors.js';
import type {Command, CommandContext} from './command.js';

/** A usage error: names what is wrong and shows the command's usage line. */
export function usageError(command: Pick<Command, 'usage'>, message: string): UserError {
	return new UserError(`${message}\nUsage: opsdesk ${command.usage}`, exitCodes.usage);
}

/** The positional ID argument (`customers show ID`): a whole number, else a usage error naming it. */
export function idArgument(command: Pick<Command, 'usage'>, context: CommandContext, name = 'ID'): number {
	const [text, ...extra] = context.args;
	if (text === undefined) throw usageError(command, `missing ${name}`);
	if (extra.length > 0) throw usageError(command, `unexpected argument "${extra[0]}"`);
	if (!/^\d{1,15}$/.test(text) || Number(text) < 1) throw usageError(command, `${name} must be a customer number such as 42, got "${text}"`);
	return Number(text);
}

/** A string flag, or undefined when it was not given. */
export function stringFlag(context: CommandContext, name: string): string | undefined {
	const value = context.flags[name];
	if (value === undefined) return undefined;
	return String(value);
}

/** A flag that must be a whole number (`--limit`, `--expect-version`). */
export function wholeNumberFlag(command: Pick<Command, 'usage'>, context: CommandContext, name: string, flag: string): number | undefined {
	const value = stringFlag(context, name);
	if (value === undefined) return undefined;
	if (!/^\d{1,15}$/.test(value.trim())) throw usageError(command, `--${flag} must be a whole number, got "${value}"`);
	return Number(value);
}

/** Prints JSON data for scripts: one value, indented for people who read it too. */
export function printJson(context: CommandContext, value: unknown): void {
	context.print(JSON.stringify(value, null, 2));
}

import {UserError, exitCodes} from '../store/errors.js';
import type {Command, CommandContext} from './command.js';
import {quoted} from '../text/quoted.js';

/** A usage error: names what is wrong and shows the command's usage line. */
export function usageError(command: Pick<Command, 'usage'>, message: string): UserError {
	return new UserError(`${message}\nUsage: opsdesk ${command.usage}`, exitCodes.usage);
}

/** Ids are SQLite integers that JavaScript holds exactly: 1 to 2^53 − 1. */
export const largestId = Number.MAX_SAFE_INTEGER;

/** `42` (or `#42`) → 42; undefined for anything that is not a whole number from 1 to 2^53 − 1. */
export function parseId(text: string): number | undefined {
	const digits = text.trim().replace(/^#/, '');
	if (!/^\d+$/.test(digits)) return undefined;
	const id = Number(digits);
	return id >= 1 && id <= largestId ? id : undefined;
}

/** The positional ID argument (`customers show ID`): a whole number, else a usage error naming it. */
export function idArgument(command: Pick<Command, 'usage'>, context: CommandContext, name = 'ID', what = 'customer'): number {
	const [text, ...extra] = context.args;
	if (text === undefined) throw usageError(command, `missing ${name}`);
	if (extra.length > 0) throw usageError(command, `unexpected argument ${quoted(extra[0]!)}`);
	const id = parseId(text);
	if (id === undefined) throw usageError(command, `${name} must be a ${what} number such as 42 (1 to ${largestId}), got ${quoted(text)}`);
	return id;
}

/** No positional arguments expected. */
export function noArguments(command: Pick<Command, 'usage'>, context: CommandContext): void {
	if (context.args.length > 0) throw usageError(command, `unexpected argument ${quoted(context.args[0]!)}`);
}

/** A string flag, or undefined when it was not given. */
export function stringFlag(context: CommandContext, name: string): string | undefined {
	const value = context.flags[name];
	if (value === undefined) return undefined;
	return String(value);
}

/** A flag that must be a whole number (`--max-attempts`); number flags arrive checked already. */
export function wholeNumberFlag(command: Pick<Command, 'usage'>, context: CommandContext, name: string, flag: string): number | undefined {
	const value = context.flags[name];
	if (value === undefined) return undefined;
	if (typeof value === 'number') return value;
	const text = String(value);
	if (!/^\d+$/.test(text.trim()) || Number(text) > Number.MAX_SAFE_INTEGER) throw usageError(command, `--${flag} must be a whole number, got ${quoted(text)}`);
	return Number(text);
}

/** `--limit N` as every listing reads it: N rows at most, and 0 for no limit (every row). */
export const limitFlagSpec = {type: 'number'} as const;

/** The row limit of a listing: `--limit 0` means every row, as in every other listing. */
export function limitFlag(command: Pick<Command, 'usage'>, context: CommandContext, defaultLimit: number): number {
	const limit = wholeNumberFlag(command, context, 'limit', 'limit') ?? defaultLimit;
	return limit === 0 ? Number.MAX_SAFE_INTEGER : limit;
}

/** Prints JSON data for scripts: one value, indented for people who read it too, exactly as stored. */
export function printJson(context: CommandContext, value: unknown): void {
	context.printData(JSON.stringify(value, null, 2));
}

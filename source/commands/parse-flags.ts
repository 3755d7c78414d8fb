import {parseArgs} from 'node:util';
import {UserError, exitCodes} from '../store/errors.js';
import {flagName, type CommandFlags, type FlagSpec} from './command.js';
import {quoted} from '../text/quoted.js';

/** A command line that does not fit its command's flags: exit 1 with the usage line. */
export class UsageProblem extends UserError {
	constructor(message: string) {
		super(message, exitCodes.usage);
		this.name = 'UsageProblem';
	}
}

export type ParsedFlags = {values: Record<string, unknown>; positionals: string[]};

type ParseArgsOptions = Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}>;

function parseArgsOptions(flags: CommandFlags): ParseArgsOptions {
	const options: ParseArgsOptions = {};
	for (const [key, spec] of Object.entries(flags)) {
		options[flagName(key)] = {type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.shortFlag ? {short: spec.shortFlag} : {})};
	}
	return options;
}

/** The tokens of a command line, read with the given flags' arity; nothing is refused yet. */
export function tokensOf(argv: readonly string[], flags: CommandFlags) {
	return parseArgs({args: [...argv], options: parseArgsOptions(flags), strict: false, allowPositionals: true, tokens: true}).tokens;
}

const largest = Number.MAX_SAFE_INTEGER;

function typedValue(flag: string, spec: FlagSpec, value: string): unknown {
	if (spec.type === 'string') {
		if (spec.nonEmpty && value.trim() === '') throw new UsageProblem(`--${flag} needs a value, got an empty one`);
		if (!spec.choices) return value;
		const choice = spec.choices.find(candidate => candidate.toLowerCase() === value.trim().toLowerCase());
		if (choice === undefined) throw new UsageProblem(`--${flag} must be one of ${spec.choices.join(', ')}; got ${quoted(value)}`);
		return choice;
	}
	const pattern = spec.fractional ? /^\d+(\.\d+)?$/ : /^\d+$/;
	if (!pattern.test(value)) throw new UsageProblem(`--${flag} must be ${spec.fractional ? 'a number' : 'a whole number'}, got ${quoted(value)}`);
	const number = Number(value);
	const min = spec.min ?? 0;
	const max = Math.min(spec.max ?? largest, largest);
	if (number < min) throw new UsageProblem(`--${flag} must be at least ${min}, got ${quoted(value)}`);
	if (number > max) throw new UsageProblem(`--${flag} must be at most ${max}, got ${quoted(value)}`);
	return number;
}

/**
 * Reads a command line strictly against `flags`: unknown flags, a value flag without its
 * value (or with one that looks like a flag), a value given to a switch, and a single-value
 * flag given twice are usage problems. Numbers and choices come out typed and checked.
 */
export function parseFlags(argv: readonly string[], flags: CommandFlags): ParsedFlags {
	const byName = new Map(Object.entries(flags).map(([key, spec]) => [flagName(key), {key, spec}]));
	const values: Record<string, unknown> = {};
	const positionals: string[] = [];
	for (const token of tokensOf(argv, flags)) {
		if (token.kind === 'positional') {
			positionals.push(token.value);
			continue;
		}
		if (token.kind !== 'option') continue;
		const known = byName.get(token.name);
		if (!known) throw new UsageProblem(`unknown flag ${token.rawName.startsWith('--') ? `--${token.name}` : token.rawName}`);
		const {key, spec} = known;
		const flag = flagName(key);
		if (spec.type === 'boolean') {
			if (token.value !== undefined) throw new UsageProblem(`--${flag} takes no value, got ${quoted(token.value)}`);
			values[key] = true;
			continue;
		}
		if (token.value === undefined) throw new UsageProblem(`--${flag} needs a value`);
		// As in parseArgs' strict mode: `--name --email x` is a forgotten value, not a name.
		if (!token.inlineValue && token.value.startsWith('-') && token.value !== '-') {
			throw new UsageProblem(`--${flag} needs a value, got ${quoted(token.value)} (for a value that starts with "-", write --${flag}=VALUE)`);
		}
		const value = typedValue(flag, spec, token.value);
		if (spec.isMultiple) {
			values[key] = [...((values[key] as unknown[] | undefined) ?? []), value];
		} else {
			if (key in values) throw new UsageProblem(`--${flag} given more than once`);
			values[key] = value;
		}
	}
	return {values, positionals};
}

/**
 * `--help`, `-h` or `--version` anywhere before `--`, even where a value was expected:
 * asking for help never runs anything.
 */
export function asksFor(argv: readonly string[]): {help: boolean; version: boolean} {
	const end = argv.indexOf('--');
	const before = end === -1 ? argv : argv.slice(0, end);
	return {help: before.some(arg => arg === '--help' || arg === '-h'), version: before.includes('--version')};
}

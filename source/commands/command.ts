import type {Database} from 'better-sqlite3';
import type {Store} from '../store/store.js';
import type {DatabaseTarget} from '../store/target.js';

/**
 * How one flag is typed. Keys of a command's `flags` are camelCase (`expectVersion`); the
 * command line spells them in kebab-case (`--expect-version`). The parser checks the type
 * once, so a command reads a ready value: a string, `true`, a number, or an array of them.
 */
export type FlagSpec = {
	type: 'string' | 'boolean' | 'number';
	/** May be given several times; the value is then an array. */
	isMultiple?: boolean;
	/** One letter, e.g. `h` for `-h`. */
	shortFlag?: string;
	/** String flags: the accepted values (any case; the value is the spelling listed here). */
	choices?: readonly string[];
	/** String flags: refuse `--flag ""` (paths, names). Other string flags may be empty (`--notes ""` clears). */
	nonEmpty?: boolean;
	/** Number flags: the smallest and largest accepted (default 0 and 2^53 − 1). */
	min?: number;
	max?: number;
	/** Number flags: decimals allowed (`--wait 0.5`); otherwise whole numbers only. */
	fractional?: boolean;
};

export type CommandFlags = Readonly<Record<string, Readonly<FlagSpec>>>;

/** What every headless command gets: its parsed flags and arguments, the database, and the two streams. */
export type CommandContext = {
	/** Flags typed by the command's own spec (camelCase keys); absent flags are absent. */
	flags: Record<string, unknown>;
	/** Positional arguments after the command words. */
	args: string[];
	/** Absolute path of the database this run uses (SQLite), or the URL without its password (PostgreSQL). */
	databasePath: string;
	/** The database this run uses: an SQLite file or a PostgreSQL URL (`--db`, `OPSDESK_DB`). */
	target: DatabaseTarget;
	/** Opens the store on first use, on either engine (commands such as `robot check` never need it). */
	store: () => Promise<Store>;
	/**
	 * The SQLite handle of the same store, for code not yet on the async data layer; on
	 * PostgreSQL it refuses with a clear message.
	 */
	database: () => Database;
	/** Standard input (`secrets set` reads a value from it). */
	stdin: NodeJS.ReadableStream;
	/**
	 * Text for people and scripts: stdout. Control characters in it are shown visibly
	 * (source/text/visible.ts); line breaks and tabs are kept.
	 */
	print: (text: string) => void;
	/** Machine data (JSON) to stdout exactly as given: JSON escapes what needs escaping itself. */
	printData: (text: string) => void;
	/** Messages for people: stderr, control characters shown visibly. */
	say: (text: string) => void;
};

export type Command = {
	/** The command words, e.g. `customers list`. */
	name: string;
	/** One line for the command overview. */
	summary: string;
	/** The usage line after `opsdesk `, e.g. `customers show ID [--json]`. */
	usage: string;
	flags: CommandFlags;
	/** Resolves to the exit code (0 when nothing is returned). */
	run: (context: CommandContext) => Promise<number | void> | number | void;
};

/** `expectVersion` → `expect-version`: how a flag key is spelled on the command line. */
export function flagName(key: string): string {
	return key.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

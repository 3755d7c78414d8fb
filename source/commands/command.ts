import type {Database} from 'better-sqlite3';
import type {AnyFlags} from 'meow';

/** What every headless command gets: its parsed flags and arguments, the database, and the two streams. */
export type CommandContext = {
	/** Flags parsed by meow from this command's own spec (camelCase keys). */
	flags: Record<string, unknown>;
	/** Positional arguments after the command words. */
	args: string[];
	/** Absolute path of the database this run uses. */
	databasePath: string;
	/** Opens the database on first use (commands such as `robot check` never need it). */
	database: () => Database;
	/** Standard input (`secrets set` reads a value from it). */
	stdin: NodeJS.ReadableStream;
	/** Data for scripts: stdout. */
	print: (text: string) => void;
	/** Messages for people: stderr. */
	say: (text: string) => void;
};

export type Command = {
	/** The command words, e.g. `customers list`. */
	name: string;
	/** One line for the command overview. */
	summary: string;
	/** The usage line after `opsdesk `, e.g. `customers show ID [--json]`. */
	usage: string;
	flags: AnyFlags;
	/** Resolves to the exit code (0 when nothing is returned). */
	run: (context: CommandContext) => Promise<number | void> | number | void;
};

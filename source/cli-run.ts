import packageJson from '../package.json' with {type: 'json'};
import {flagName, type Command, type CommandContext, type CommandFlags} from './commands/command.js';
import {commandHelp, deskFlags, globalFlags, overview} from './commands/help.js';
import {UsageProblem, asksFor, parseFlags, tokensOf} from './commands/parse-flags.js';
import {databaseTarget, redactPasswords, type DatabaseTarget} from './store/target.js';
import type {Store} from './store/store.js';
import {postgresTrouble} from './store/postgres/trouble.js';
import {UserError, exitCodes} from './store/errors.js';
import {databaseTrouble} from './store/database-trouble.js';
import {defaultBusyTimeoutMs} from './store/open.js';
import {visible} from './text/visible.js';
import {reportCrash} from './crash-log.js';
import {OutputClosed, processIo, type CliIo} from './cli-io.js';
import {quoted} from './text/quoted.js';
import {redactSecrets} from './secrets/redact.js';
import {missingDatabaseStandIn} from './commands/missing-database.js';

export type {CliIo} from './cli-io.js';

const deskUsage = 'Usage: opsdesk [--db PATH] [--fps N]   (opsdesk --help lists the commands)';

/** Test seams: the command table (a test adds one that crashes). */
export type RunOptions = {commands?: readonly Command[]};

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Writes a last message; a reader that has gone cannot change the exit code any more. */
function tell(write: (text: string) => void, text: string): void {
	try {
		write(visible(redactSecrets(withNewline(text)), '\n'));
	} catch {
		// The stream is closed: there is nobody left to tell.
	}
}

/** Every flag any command knows, so the command words can be told from flag values wherever they stand. */
function everyFlag(commands: readonly Command[]): CommandFlags {
	return Object.assign({}, deskFlags, ...commands.map(command => command.flags), globalFlags) as CommandFlags;
}

type Located = {command?: Command; words: string[]; rest: string[]; firstUnknownFlag?: string};

/** The command named by the leading words, and the command line without them. */
function locateCommand(commands: readonly Command[], argv: readonly string[]): Located {
	const known = everyFlag(commands);
	const names = new Set(Object.keys(known).map(flagName));
	const tokens = tokensOf(argv, known);
	const positionals = tokens.flatMap(token => (token.kind === 'positional' ? [token] : []));
	const firstPositional = positionals[0]?.index ?? argv.length;
	const unknown = tokens.find(token => token.kind === 'option' && token.index < firstPositional && !names.has(token.name));
	const firstUnknownFlag = unknown?.kind === 'option' ? unknown.rawName : undefined;
	const words = positionals.map(token => token.value);
	for (let length = Math.min(words.length, 3); length > 0; length--) {
		const name = words.slice(0, length).join(' ');
		const command = commands.find(candidate => candidate.name === name);
		if (!command) continue;
		const used = new Set(positionals.slice(0, length).map(token => token.index));
		return {command, words, rest: argv.filter((_, index) => !used.has(index)), firstUnknownFlag};
	}
	return {words, rest: [...argv], firstUnknownFlag};
}

/**
 * Runs one command line and resolves to its exit code. Never throws, never exits the
 * process: `--help` and `--version` print and return 0, so tests run it in-process.
 */
export async function runCli(argv: string[], io: CliIo = processIo(), options: RunOptions = {}): Promise<number> {
	try {
		// `opsdesk help customers list`, as git and kubectl allow.
		return await dispatch(argv[0] === 'help' ? [...argv.slice(1), '--help'] : argv, io, options);
	} catch (error) {
		// `opsdesk --help | head -1`: the reader left, which is fine.
		if (error instanceof OutputClosed) return exitCodes.ok;
		const log = reportCrash(error, argv);
		tell(io.stderr, `opsdesk: internal error: ${redactPasswords((error as Error).message)} (details in ${log})`);
		return 70;
	}
}

async function dispatch(argv: string[], io: CliIo, options: RunOptions): Promise<number> {
	const wants = asksFor(argv);
	// The desk loads none of the commands: importing them cost about a tenth of a second
	// before the first frame.
	if (!wants.help && !wants.version && !options.commands && tokensOf(argv, deskFlags).every(token => token.kind === 'option' && token.name in deskFlags)) {
		return openDesk(argv, io);
	}
	const commands = options.commands ?? (await import('./commands/index.js')).commands;
	const {command, words, rest, firstUnknownFlag} = locateCommand(commands, argv);
	if (wants.help) return flushed(io, help(commands, command, words, io), 'opsdesk');
	if (wants.version) {
		io.stdout(`opsdesk ${packageJson.version}\n`);
		const db = dbFlag(argv);
		if (db !== undefined) {
			const code = await tellEngine(db, io);
			if (code !== exitCodes.ok) return code;
		}
		return flushed(io, exitCodes.ok, 'opsdesk');
	}
	if (!command) return noCommand(commands, words, firstUnknownFlag, argv, io);
	return runCommand(command, rest, io, argv);
}

/**
 * Waits for stdout to take everything. Output that could not be written is not a success
 * (stdout on a full disk), except for a reader that left (`| head`).
 */
async function flushed(io: CliIo, code: number, who: string): Promise<number> {
	const late = await io.flush?.();
	if (!late || late instanceof OutputClosed) return code;
	tell(io.stderr, `${who}: ${late.message}`);
	return late instanceof UserError ? late.exitCode : exitCodes.usage;
}

function help(commands: readonly Command[], command: Command | undefined, words: string[], io: CliIo): number {
	if (command) {
		io.stdout(commandHelp(command));
		return exitCodes.ok;
	}
	const group = words.join(' ');
	if (words.length === 0 || commands.some(candidate => candidate.name.startsWith(`${group} `))) {
		io.stdout(overview(commands, words.length > 0 ? group : undefined));
		return exitCodes.ok;
	}
	tell(io.stderr, `opsdesk: unknown command ${quoted(group)} (opsdesk --help lists the commands)`);
	return exitCodes.usage;
}

function noCommand(commands: readonly Command[], words: string[], unknownFlag: string | undefined, argv: string[], io: CliIo): number {
	if (unknownFlag) {
		tell(io.stderr, `opsdesk: unknown flag ${unknownFlag}\n${deskUsage}`);
		return exitCodes.usage;
	}
	if (words.length === 0) {
		// Only flags, and not the desk's: parse them for the precise complaint.
		try {
			parseFlags(argv, deskFlags);
		} catch (error) {
			tell(io.stderr, `opsdesk: ${(error as Error).message}\n${deskUsage}`);
		}
		return exitCodes.usage;
	}
	const group = words[0]!;
	const inGroup = commands.filter(candidate => candidate.name.startsWith(`${group} `));
	if (words.length === 1 && inGroup.length > 0) {
		tell(io.stderr, `opsdesk ${group}: missing command: ${inGroup.map(candidate => candidate.name.slice(group.length + 1)).join(', ')}\n\n${overview(commands, group)}`);
		return exitCodes.usage;
	}
	const shown = inGroup.length > 0 ? words.slice(0, 2).join(' ') : group;
	tell(io.stderr, `opsdesk: unknown command ${quoted(shown)} (opsdesk --help lists the commands)`);
	return exitCodes.usage;
}

async function runCommand(command: Command, argv: string[], io: CliIo, fullArgv: string[]): Promise<number> {
	let values: Record<string, unknown>;
	let positionals: string[];
	try {
		({values, positionals} = parseFlags(argv, {...command.flags, ...globalFlags}));
	} catch (error) {
		if (!(error instanceof UsageProblem)) throw error;
		tell(io.stderr, `opsdesk ${command.name}: ${error.message}\nUsage: opsdesk ${command.usage}`);
		return exitCodes.usage;
	}
	let target: DatabaseTarget;
	try {
		target = databaseTarget(values.db as string | undefined);
	} catch (error) {
		if (!(error instanceof UserError)) throw error;
		tell(io.stderr, `opsdesk ${command.name}: ${error.message}`);
		return error.exitCode;
	}
	const databasePath = target.engine === 'sqlite' ? target.file : target.shown;
	const busyTimeoutMs = values.wait === undefined ? defaultBusyTimeoutMs : (values.wait as number) * 1000;
	const storeOptions = {busyTimeoutMs, changePollMs: 0, connections: 2};
	// Loaded here, not at the top: the desk's first frame must not pay for Kysely and the migrations.
	const [{openSqliteStore}, {openOpsdeskStore}, {migrations}] = await Promise.all([
		import('./store/store.js'), import('./open-opsdesk.js'), import('./migrations.js'),
	]);
	let store: Store | undefined;
	let opening: Promise<Store> | undefined;
	// What the command opens: the target, or an empty stand-in for a file that is not there.
	const standIn = missingDatabaseStandIn(command.name, values, target);
	const opened = standIn?.target ?? target;
	const context: CommandContext = {
		flags: values,
		args: positionals,
		databasePath,
		target,
		store: () => (opening ??= openOpsdeskStore(opened, storeOptions).then(result => (store = result))),
		database: () => {
			if (opened.engine !== 'sqlite') throw new UserError(`opsdesk ${command.name} does not run on PostgreSQL yet; use an SQLite file`);
			if (!store) {
				store = openSqliteStore(opened, {...storeOptions, migrations});
				opening = Promise.resolve(store);
			}
			return store.sqlite!;
		},
		stdin: io.stdin,
		// A secret a robot used never reaches the output, not even in --json (source/secrets/redact.ts).
		print: text => io.stdout(visible(redactSecrets(withNewline(text)), '\n\t')),
		printData: text => io.stdout(redactSecrets(withNewline(text))),
		say: text => io.stderr(visible(redactSecrets(withNewline(text)), '\n\t')),
	};
	try {
		const code: unknown = await command.run(context);
		// Only a number is an exit code: `return context.say(…)` once turned "nothing found" into exit 1.
		return await flushed(io, typeof code === 'number' ? code : exitCodes.ok, `opsdesk ${command.name}`);
	} catch (error) {
		if (error instanceof OutputClosed) return exitCodes.ok;
		const known = error instanceof UserError ? error : (store?.trouble(error) ?? (target.engine === 'sqlite' ? databaseTrouble(error, databasePath, busyTimeoutMs) : postgresTrouble(error, target.shown, busyTimeoutMs)));
		if (known) {
			tell(io.stderr, `opsdesk ${command.name}: ${known.message}`);
			return known.exitCode;
		}
		const log = reportCrash(error, fullArgv);
		tell(io.stderr, `opsdesk ${command.name}: internal error: ${redactPasswords((error as Error).message)} (details in ${log})`);
		return 70;
	} finally {
		try {
			await store?.close();
		} catch {
			// Closing after a failure must not hide the failure's message.
		}
		standIn?.remove();
	}
}

async function openDesk(argv: string[], io: CliIo): Promise<number> {
	let values: Record<string, unknown>;
	try {
		({values} = parseFlags(argv, deskFlags));
	} catch (error) {
		tell(io.stderr, `opsdesk: ${(error as Error).message}\n${deskUsage}`);
		return exitCodes.usage;
	}
	const {startDesk} = await import('./desk.js');
	let target: DatabaseTarget;
	try {
		target = databaseTarget(values.db as string | undefined);
	} catch (error) {
		if (!(error instanceof UserError)) throw error;
		tell(io.stderr, `opsdesk: ${error.message}`);
		return error.exitCode;
	}
	return startDesk({target, fps: values.fps as number | undefined});
}

/** The value of `--db` on a command line, if given (`--db X` or `--db=X`). */
function dbFlag(argv: readonly string[]): string | undefined {
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		if (word === '--') return undefined;
		if (word === '--db') return argv[index + 1];
		if (word.startsWith('--db=')) return word.slice('--db='.length);
	}
	return undefined;
}

/**
 * `opsdesk --version --db TARGET`: which engine that database runs on and its version
 * (`PostgreSQL 15.8`, `SQLite 3.50.2`), read from the server or the library without changing
 * anything. A server that cannot be reached is exit 5, like any command.
 */
async function tellEngine(flag: string, io: CliIo): Promise<number> {
	let target: ReturnType<typeof databaseTarget>;
	try {
		target = databaseTarget(flag);
	} catch (error) {
		tell(io.stderr, `opsdesk: ${(error as Error).message}`);
		return exitCodes.usage;
	}
	const {engineVersion} = await import('./store/engine-version.js');
	try {
		io.stdout(`database: ${await engineVersion(target)} (${target.shown})\n`);
		return exitCodes.ok;
	} catch (error) {
		const known = error instanceof UserError ? error : target.engine === 'postgres' ? postgresTrouble(error, target.shown, defaultBusyTimeoutMs) : databaseTrouble(error, target.shown, defaultBusyTimeoutMs);
		if (!known) throw error;
		tell(io.stderr, `opsdesk: ${known.message}`);
		return known.exitCode;
	}
}

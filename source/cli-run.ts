import {parseArgs} from 'node:util';
import type {Database} from 'better-sqlite3';
import type {Command} from './commands/command.js';
import {resolveDatabasePath} from './store/paths.js';
import {UserError, exitCodes} from './store/errors.js';
import {openOpsdesk} from './open-opsdesk.js';
import {reportCrash} from './crash-log.js';

const globalFlags = {
	db: {type: 'string'},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const;

function overview(commands: readonly Command[]): string {
	return [
		'Usage: opsdesk [--db PATH]                 open the desk (full-screen terminal UI)',
		'       opsdesk COMMAND [flags] [--db PATH]',
		'',
		'Commands:',
		// Usage lines are long: each on its own line, its summary indented below it.
		...commands.flatMap(command => [`  opsdesk ${command.usage}`, `      ${command.summary}`]),
		'',
		'The database is $XDG_DATA_HOME/opsdesk/opsdesk.db unless --db or OPSDESK_DB say otherwise.',
		'Exit codes: 0 ok, 1 usage or not found, 2 input rejected, 3 conflict, 4 robot step failed.',
	].join('\n');
}

/** The longest run of leading words that names a command: `customers list`, `backup`, ... */
function leadingWords(argv: string[]): string[] {
	const words: string[] = [];
	for (const arg of argv) {
		if (arg.startsWith('-')) break;
		words.push(arg);
	}
	return words;
}

function findCommand(commands: readonly Command[], argv: string[]): {command?: Command; rest: string[]; words: string[]} {
	const words = leadingWords(argv);
	for (let length = Math.min(words.length, 3); length > 0; length--) {
		const name = words.slice(0, length).join(' ');
		const command = commands.find(candidate => candidate.name === name);
		if (command) {
			const position = argv.indexOf(words[length - 1]!);
			return {command, rest: argv.slice(position + 1), words};
		}
	}
	return {rest: argv, words};
}

/** Where a command line's output goes: the process's streams, or a test's buffers. */
export type CliIo = {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	stdin: NodeJS.ReadableStream;
};

const processIo: CliIo = {
	stdout: text => process.stdout.write(text),
	stderr: text => process.stderr.write(text),
	stdin: process.stdin,
};

/** Runs one command line and resolves to its exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
	const asksForHelp = argv.some(arg => arg === '--help' || arg === '-h' || arg === '--version');
	// The desk loads neither the commands nor meow: importing them cost about a tenth of a
	// second before the first frame.
	if (leadingWords(argv).length === 0 && !asksForHelp) return openDesk(argv, io);
	const [{commands}, {default: meow}] = await Promise.all([import('./commands/index.js'), import('meow')]);
	const {command, rest, words} = findCommand(commands, argv);
	if (!command) {
		if (words.length > 0) {
			io.stderr(`opsdesk: unknown command "${words.join(' ')}"\n\n${overview(commands)}\n`);
			return exitCodes.usage;
		}
		meow(overview(commands), {importMeta: import.meta, argv, flags: {...globalFlags, fps: {type: 'number'}}, autoHelp: true, autoVersion: true, allowUnknownFlags: true});
		return exitCodes.ok;
	}
	const cli = meow(`Usage: opsdesk ${command.usage}\n\n${command.summary}`, {
		importMeta: import.meta,
		argv: rest,
		flags: {...globalFlags, ...command.flags},
		autoHelp: true,
		autoVersion: true,
		allowUnknownFlags: true,
	});
	const known = new Set(Object.keys({...globalFlags, ...command.flags}));
	const unknown = Object.keys(cli.unnormalizedFlags).filter(flag => !known.has(flag) && !known.has(camelCase(flag)) && flag !== 'h');
	if (unknown.length > 0) {
		io.stderr(`opsdesk ${command.name}: unknown flag --${unknown[0]}\nUsage: opsdesk ${command.usage}\n`);
		return exitCodes.usage;
	}
	const databasePath = resolveDatabasePath(cli.flags.db as string | undefined);
	let database: Database | undefined;
	try {
		const code = await command.run({
			flags: cli.flags,
			args: cli.input,
			databasePath,
			database: () => (database ??= openOpsdesk(databasePath)),
			stdin: io.stdin,
			print: text => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
			say: text => io.stderr(text.endsWith('\n') ? text : `${text}\n`),
		});
		return code ?? exitCodes.ok;
	} catch (error) {
		if (error instanceof UserError) {
			io.stderr(`opsdesk ${command.name}: ${error.message}\n`);
			return error.exitCode;
		}
		const log = reportCrash(error);
		io.stderr(`opsdesk ${command.name}: internal error: ${(error as Error).message} (details in ${log})\n`);
		return 70;
	} finally {
		database?.close();
	}
}

async function openDesk(argv: string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: argv, options: {db: {type: 'string'}, fps: {type: 'string'}}, strict: false});
	const fps = values.fps === undefined ? undefined : Number(values.fps);
	if (fps !== undefined && !(Number.isFinite(fps) && fps > 0)) {
		io.stderr(`opsdesk: --fps must be a positive number, not "${String(values.fps)}"\n`);
		return exitCodes.usage;
	}
	const {startDesk} = await import('./desk.js');
	return startDesk({databasePath: resolveDatabasePath(typeof values.db === 'string' ? values.db : undefined), fps});
}

function camelCase(flag: string): string {
	return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

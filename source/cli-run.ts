import meow from 'meow';
import type {Database} from 'better-sqlite3';
import {commands} from './commands/index.js';
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

function overview(): string {
	const width = Math.max(...commands.map(command => command.usage.length));
	return [
		'Usage: opsdesk [--db PATH]                 open the desk (full-screen terminal UI)',
		'       opsdesk COMMAND [flags] [--db PATH]',
		'',
		'Commands:',
		...commands.map(command => `  ${command.usage.padEnd(width)}  ${command.summary}`),
		'',
		'The database is $XDG_DATA_HOME/opsdesk/opsdesk.db unless --db or OPSDESK_DB say otherwise.',
		'Exit codes: 0 ok, 1 usage or not found, 2 input rejected, 3 conflict, 4 robot step failed.',
	].join('\n');
}

/** The longest run of leading words that names a command: `customers list`, `backup`, ... */
function findCommand(argv: string[]): {command?: Command; rest: string[]; words: string[]} {
	const words: string[] = [];
	for (const arg of argv) {
		if (arg.startsWith('-')) break;
		words.push(arg);
	}
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

/** Runs one command line and resolves to its exit code. Never throws. */
export async function runCli(argv: string[]): Promise<number> {
	const {command, rest, words} = findCommand(argv);
	if (!command) {
		if (words.length > 0) {
			process.stderr.write(`opsdesk: unknown command "${words.join(' ')}"\n\n${overview()}\n`);
			return exitCodes.usage;
		}
		const cli = meow(overview(), {importMeta: import.meta, argv, flags: {...globalFlags, fps: {type: 'number'}}, autoHelp: true, autoVersion: true, allowUnknownFlags: true});
		const {startDesk} = await import('./desk.js');
		return startDesk({databasePath: resolveDatabasePath(cli.flags.db as string | undefined), fps: cli.flags.fps as number | undefined});
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
		process.stderr.write(`opsdesk ${command.name}: unknown flag --${unknown[0]}\nUsage: opsdesk ${command.usage}\n`);
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
			print: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
			say: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
		});
		return code ?? exitCodes.ok;
	} catch (error) {
		if (error instanceof UserError) {
			process.stderr.write(`opsdesk ${command.name}: ${error.message}\n`);
			return error.exitCode;
		}
		const log = reportCrash(error);
		process.stderr.write(`opsdesk ${command.name}: internal error: ${(error as Error).message} (details in ${log})\n`);
		return 70;
	} finally {
		database?.close();
	}
}

function camelCase(flag: string): string {
	return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

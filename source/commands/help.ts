import {flagName, type Command, type CommandFlags} from './command.js';

/** Flags every command takes, wherever they stand on the line (`opsdesk --db F customers list`). */
export const globalFlags = {
	db: {type: 'string', nonEmpty: true},
	wait: {type: 'number', fractional: true, max: 86_400},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const satisfies CommandFlags;

/** The desk's own flags, beside `--db`, `--help` and `--version`. */
export const deskFlags = {
	db: globalFlags.db,
	help: globalFlags.help,
	version: globalFlags.version,
	fps: {type: 'number', fractional: true, min: 0.1, max: 1000},
} as const satisfies CommandFlags;

const globalHelp = [
	'Every command also takes:',
	'  --db PATH        the database file (else $OPSDESK_DB, else $XDG_DATA_HOME/opsdesk/opsdesk.db)',
	'  --wait SECONDS   how long to wait for another process that is writing (default 5)',
	'  --help, -h       this help; nothing is run',
];

const exitCodeHelp = 'Exit codes: 0 ok, 1 usage or not found, 2 input rejected, 3 conflict, 4 robot step failed, 5 the database cannot do this now (locked, read-only, disk full, corrupt).';

/** `opsdesk --help`: every command with its usage and summary. */
export function overview(commands: readonly Command[], only?: string): string {
	const shown = only ? commands.filter(command => command.name.startsWith(`${only} `)) : commands;
	return [
		'Usage: opsdesk [--db PATH] [--fps N]       open the desk (full-screen terminal UI)',
		'       opsdesk COMMAND [flags]',
		'',
		'Commands:',
		// Usage lines are long: each on its own line, its summary indented below it.
		...shown.flatMap(command => [`  opsdesk ${command.usage}`, `      ${command.summary}`]),
		'',
		...globalHelp,
		'',
		exitCodeHelp,
	].join('\n').concat('\n');
}

function describeFlag(key: string, flags: CommandFlags): string {
	const spec = flags[key]!;
	const value = spec.type === 'boolean' ? '' : spec.choices ? ` ${spec.choices.join('|')}` : spec.type === 'number' ? ' N' : ' TEXT';
	return `--${flagName(key)}${value}${spec.isMultiple ? ' (repeatable)' : ''}`;
}

/** `opsdesk COMMAND --help`. */
export function commandHelp(command: Command): string {
	const flags = Object.keys(command.flags);
	return [
		`Usage: opsdesk ${command.usage}`,
		'',
		command.summary,
		...(flags.length > 0 ? ['', `Flags: ${flags.map(key => describeFlag(key, command.flags)).join(', ')}`] : []),
		'',
		...globalHelp,
	].join('\n').concat('\n');
}

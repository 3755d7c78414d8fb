import os from 'node:os';
import path from 'node:path';
import {UserError, exitCodes} from './errors.js';

/**
 * Which database a run uses: an SQLite file (the default, one machine) or a PostgreSQL
 * server (a team: robots on several hosts, operators on their own machines). `--db` and
 * `OPSDESK_DB` take either a path or a `postgres://user@host:port/db?sslmode=…` URL.
 */
export type DatabaseTarget =
	| {engine: 'sqlite'; file: string; shown: string}
	| {engine: 'postgres'; url: string; shown: string};

export type Engine = DatabaseTarget['engine'];

const postgresScheme = /^postgres(ql)?:\/\//i;

/** The URL with its password (if any) replaced, for every message, log and screen. */
export function redactedUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '****';
		for (const name of ['password', 'sslpassword']) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '****');
		return parsed.toString();
	} catch {
		// Not a URL we can parse: show only the scheme, never what might be a secret.
		return url.replace(/^(postgres(ql)?:\/\/).*$/i, '$1…');
	}
}

/**
 * Any PostgreSQL password in a text (a command line, an error's message or stack) replaced,
 * for crash logs and messages that quote what they were given.
 */
export function redactPasswords(text: string): string {
	return text
		.replace(/(postgres(?:ql)?:\/\/[^:@\s/]*:)[^@\s]*@/gi, '$1****@')
		.replace(/([?&](?:ssl)?password=)[^&\s]*/gi, '$1****');
}

/** Where the database lives when neither `--db` nor `OPSDESK_DB` says otherwise (XDG base directory spec). */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
	const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(os.homedir(), '.local', 'share');
	return path.join(dataHome, 'opsdesk', 'opsdesk.db');
}

/** `--db` wins over `OPSDESK_DB`, which wins over the XDG default. */
export function databaseTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
	const chosen = flag || env.OPSDESK_DB || defaultDatabasePath(env);
	if (postgresScheme.test(chosen)) {
		try {
			new URL(chosen);
		} catch {
			throw new UserError(`${redactedUrl(chosen)}: not a valid PostgreSQL URL; expected postgres://USER@HOST:PORT/DATABASE`, exitCodes.usage);
		}
		return {engine: 'postgres', url: chosen, shown: redactedUrl(chosen)};
	}
	const file = path.resolve(chosen);
	return {engine: 'sqlite', file, shown: file};
}

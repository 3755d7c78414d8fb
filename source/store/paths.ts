import os from 'node:os';
import path from 'node:path';

/** Where the database lives when neither `--db` nor `OPSDESK_DB` says otherwise (XDG base directory spec). */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
	const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
		? env.XDG_DATA_HOME
		: path.join(os.homedir(), '.local', 'share');
	return path.join(dataHome, 'opsdesk', 'opsdesk.db');
}

/** `--db` wins over `OPSDESK_DB`, which wins over the XDG default. */
export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
	const chosen = flag || env.OPSDESK_DB || defaultDatabasePath(env);
	return path.resolve(chosen);
}

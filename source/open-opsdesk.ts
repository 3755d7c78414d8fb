import type {Database} from 'better-sqlite3';
import {migrations} from './migrations.js';
import {openDatabase, type OpenOptions} from './store/open.js';

/** Opens an opsdesk database with every migration this build knows. */
export function openOpsdesk(file: string, options: Omit<OpenOptions, 'migrations'> = {}): Database {
	return openDatabase(file, {...options, migrations});
}

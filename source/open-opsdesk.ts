import type {Database} from 'better-sqlite3';
import {migrations} from './migrations.js';
import {openDatabase} from './store/open.js';

/** Opens an opsdesk database with every migration this build knows. */
export function openOpsdesk(file: string): Database {
	return openDatabase(file, {migrations});
}

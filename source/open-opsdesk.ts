import type {Database} from 'better-sqlite3';
import {migrations} from './migrations.js';
import {openDatabase, type OpenOptions} from './store/open.js';
import {openStore, type Store, type StoreOptions} from './store/store.js';
import type {DatabaseTarget} from './store/target.js';
import {listenForTriggers} from './automation/trigger-registration.js';

/** Opens an opsdesk SQLite file with every migration this build knows (the synchronous API). */
export function openOpsdesk(file: string, options: Omit<OpenOptions, 'migrations'> = {}): Database {
	return openDatabase(file, {...options, migrations});
}

/** Opens opsdesk's store on either engine, migrated to this build's schema. */
export function openOpsdeskStore(target: DatabaseTarget, options: Omit<StoreOptions, 'migrations'> = {}): Promise<Store> {
	// Record triggers queue their jobs inside the transaction of the change that fires them,
	// wherever it is made: every process that opens the store listens.
	listenForTriggers();
	return openStore(target, {...options, migrations});
}

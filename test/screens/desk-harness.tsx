import type {Database} from 'better-sqlite3';
import {App, type AppProps} from '../../source/app.js';
import {createCustomer} from '../../source/customers/customers.js';
import type {CustomerFields} from '../../source/customers/customer-fields.js';
import {renderInk, type InkScreen} from '../components/ink-harness.js';
import {KeyRegistry} from '../../source/keys/registry.js';
import {dbOf, storeOf} from '../support/temp-db.js';
import type {Store} from '../../source/store/store.js';

/** The whole desk on a real database file, monochrome, without background polling unless asked. */
export function renderDesk(db: Database, file: string, options: Partial<AppProps> & {columns?: number; rows?: number} = {}): Promise<InkScreen> {
	return renderStoreDesk(storeOf(db), file, options);
}

/** The whole desk on a store of either engine (tempStore from test/support/engines.ts), monochrome. */
export function renderStoreDesk(store: Store, databasePath: string, options: Partial<AppProps> & {columns?: number; rows?: number} = {}): Promise<InkScreen> {
	const {columns, rows, registry = new KeyRegistry(), ...props} = options;
	return renderInk(<App store={store} databasePath={databasePath} color={false} deferMs={0} registry={registry} {...props} />, {columns, rows}, {idle: () => registry.whenQuiet()});
}

/** A few customers with names that sort predictably. */
export async function addCustomers(db: Database, customers: Array<Partial<CustomerFields> & {name: string}>): Promise<number[]> {
	const ids: number[] = [];
	for (const customer of customers) ids.push((await createCustomer(dbOf(db), customer)).id);
	return ids;
}

/** The line of the frame that contains `text`, or undefined. */
export function lineWith(frame: string, text: string): string | undefined {
	return frame.split('\n').find(line => line.includes(text));
}

/** The selected row of the customers list (marked with ›). */
export function selectedRow(frame: string): string | undefined {
	return frame.split('\n').find(line => line.startsWith('›'));
}

import type {Database} from 'better-sqlite3';
import {hasCustomers, seedDemo} from './seed/demo-seed.js';

/** On the very first start (no customers, not even deleted ones) the desk shows demo data to explore. */
export function seedWhenEmpty(db: Database): void {
	if (!hasCustomers(db)) seedDemo(db);
}

import type {Database} from 'better-sqlite3';

/**
 * On the very first start (no customers, not even deleted ones) the desk shows demo data to
 * explore. The check is one row; the seeding code (CSV reader, validation) is loaded only
 * when it is needed, not on every start.
 */
export async function seedWhenEmpty(db: Database): Promise<void> {
	if (db.prepare('SELECT 1 FROM customers LIMIT 1').get() !== undefined) return;
	const {seedDemo} = await import('./seed/demo-seed.js');
	seedDemo(db);
}

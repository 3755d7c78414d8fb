import {sql} from 'kysely';
import type {Db} from './store/store.js';

/**
 * On the very first start (no customers, not even deleted ones) the desk shows demo data to
 * explore. The check is one row; the seeding code (CSV reader, validation) is loaded only
 * when it is needed, not on every start. Only on SQLite, the one-machine default: an empty
 * PostgreSQL database is a team's new shared database, where invented customers would be
 * mistaken for real ones (`opsdesk seed --demo` loads them on purpose).
 */
export async function seedWhenEmpty(db: Db): Promise<void> {
	if (db.engine !== 'sqlite') return;
	if ((await sql`SELECT 1 FROM customers LIMIT 1`.execute(db.db)).rows.length > 0) return;
	const {seedDemo} = await import('./seed/demo-seed.js');
	await seedDemo(db);
}

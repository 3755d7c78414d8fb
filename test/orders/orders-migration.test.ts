import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempFolder} from '../support/temp-db.js';
import {openDatabase} from '../../source/store/open.js';
import {migrations} from '../../source/migrations.js';
import {openOpsdeskStore} from '../../source/open-opsdesk.js';
import {databaseTarget} from '../../source/store/target.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {interactionsByKind} from '../../source/reports/activity.js';

describe('migration 3 (orders and report rollups)', () => {
	it('upgrades a file of the previous version, counting the interactions it already has', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const before = openDatabase(file, {migrations: migrations.filter(migration => migration.version < 3)});
		// Written as that version stored a customer: today's code writes today's schema.
		const ada = Number(before.prepare(`INSERT INTO customers (name, created_at, updated_at, name_key, name_rank, search_text)
			VALUES ('Ada', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'ada', 16777216, ?)`).run('ada\t\t\t\n ada').lastInsertRowid);
		const call = before.prepare("INSERT INTO interactions (customer_id, kind, subject, at) VALUES (?, 'call', ?, ?)");
		call.run(ada, 'old call', '2026-01-10T09:00:00.000Z');
		call.run(ada, 'another', '2026-01-11T09:00:00.000Z');
		before.close();

		const db = await openOpsdeskStore(databaseTarget(file));
		try {
			expect(db.sqlite!.pragma('user_version', {simple: true})).toBe(migrations.at(-1)!.version);
			await addInteraction(db, ada, {kind: 'email', subject: 'new mail', at: '2026-01-12T09:00:00.000Z'});
			const counts = Object.fromEntries((await interactionsByKind(db, {from: '2026-01-01', to: '2026-01-31'})).map(row => [row.kind, row.interactions]));
			expect(counts).toMatchObject({call: 2, email: 1, note: 0});
		} finally {
			await db.close();
		}
	});
});

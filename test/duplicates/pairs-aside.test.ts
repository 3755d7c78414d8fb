import {describe, expect, it} from 'vitest';
import {sql} from 'kysely';
import {createCustomer} from '../../source/customers/customers.js';
import {findDuplicatePairs} from '../../source/duplicates/candidate-pairs.js';
import {findDuplicatePairsAside} from '../../source/duplicates/pairs-aside.js';
import {tempStore} from '../support/engines.js';

describe('the desk\'s duplicate check (SQLite)', () => {
	it('runs beside the desk\'s thread, which keeps turning meanwhile, and finds what the check finds in place', async () => {
		const store = await tempStore('sqlite');
		for (let index = 0; index < 40; index++) {
			await createCustomer(store, {name: `Anna Müller ${index % 20}`, company: 'Acme GmbH', email: `anna${index}@acme.example`, phone: `+49 30 12345${index % 20}`, city: 'Berlin'});
		}
		// Keys not computed yet (rows written by SQL alone) are caught up first, in this thread.
		await sql`UPDATE customers SET match_email = NULL WHERE id <= 5`.execute(store.db);
		// The thread's event loop: in place, the check's statements hold it until they end.
		let turns = 0;
		const ticking = setInterval(() => turns++, 1);
		try {
			const aside = await findDuplicatePairsAside(store);
			const turnsAside = turns;
			expect(turnsAside).toBeGreaterThan(0);
			const inPlace = await findDuplicatePairs(store);
			expect(aside.pairs.map(pair => [pair.a.id, pair.b.id, pair.score])).toEqual(inPlace.pairs.map(pair => [pair.a.id, pair.b.id, pair.score]));
			expect(aside.pairs.length).toBeGreaterThanOrEqual(20);
			expect(aside.candidates).toBe(inPlace.candidates);
		} finally {
			clearInterval(ticking);
		}
		const missing = await sql<{n: number}>`SELECT count(*) AS n FROM customers WHERE match_email IS NULL`.execute(store.db);
		expect(Number(missing.rows[0]!.n)).toBe(0);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import {sql} from 'kysely';
import {describe, expect, it} from 'vitest';
import {createCustomer, deleteCustomer, restoreCustomer, updateCustomer} from '../../source/customers/customers.js';
import {importCustomersCsv} from '../../source/customers/customer-import.js';
import {duplicatesOf, fillMatchColumns, findDuplicatePairs} from '../../source/duplicates/candidate-pairs.js';
import {describeReason} from '../../source/duplicates/pair-score.js';
import {engines, tempStore} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

const ids = (pairs: Awaited<ReturnType<typeof findDuplicatePairs>>['pairs']) => pairs.map(pair => [pair.a.id, pair.b.id]);

describe.each(engines)('finding duplicates on %s', engine => {
	it('finds pairs by mailbox, phone line and similar names in one company or city, and nothing else', async () => {
		const store = await tempStore(engine);
		const anna = await createCustomer(store, {name: 'Anna Müller', company: 'Acme GmbH', email: 'anna.mueller@acme.example', phone: '+49 30 1234567', city: 'Berlin', country: 'DE'});
		const tagged = await createCustomer(store, {name: 'ANNA MUELLER', email: 'Anna.Mueller+crm@ACME.example'});
		const phoned = await createCustomer(store, {name: 'Anna Müler', phone: '030 1234567', country: 'Germany'});
		const named = await createCustomer(store, {name: 'Müller, Anna', company: 'ACME', city: 'berlin'});
		// Colleagues and namesakes: never a pair worth showing.
		await createCustomer(store, {name: 'Pierre Dubois', company: 'Acme GmbH', phone: '+49 30 1234567', country: 'DE', email: 'pierre@acme.example', city: 'Berlin'});
		await createCustomer(store, {name: 'Anna Müller', company: 'Nordwind AG', email: 'a.mueller@nordwind.example', phone: '+49 40 7654321', city: 'Hamburg', country: 'DE'});
		const result = await findDuplicatePairs(store);
		// Only pairs that share a key are candidates: Anna's three copies share nothing with each other.
		expect(ids(result.pairs).sort()).toEqual([[anna.id, tagged.id], [anna.id, phoned.id], [anna.id, named.id]].sort());
		// The three strongest ties to Anna are there, with their reasons.
		const withAnna = result.pairs.filter(pair => pair.a.id === anna.id).map(pair => [pair.b.id, pair.reasons.map(describeReason)[0]]);
		expect(withAnna).toEqual(expect.arrayContaining([
			[tagged.id, 'same email anna.mueller@acme.example (ignoring case and +tags)'],
			[phoned.id, 'same phone +49301234567'],
			[named.id, 'same name'],
		]));
		for (const pair of result.pairs) expect(pair.score).toBeGreaterThanOrEqual(0.85);
		expect(result.pairs.every(pair => ![pair.a.name, pair.b.name].includes('Pierre Dubois'))).toBe(true);
	});

	it('keeps the keys with every edit, delete and restore', async () => {
		const store = await tempStore(engine);
		const anna = await createCustomer(store, {name: 'Anna Müller', email: 'anna@example.com'});
		const other = await createCustomer(store, {name: 'Bert Brecht', email: 'bert@example.com'});
		expect((await findDuplicatePairs(store)).pairs).toEqual([]);
		await updateCustomer(store, other.id, {name: 'Anna Mueller', email: 'ANNA+x@example.com'});
		expect(ids((await findDuplicatePairs(store)).pairs)).toEqual([[anna.id, other.id]]);
		await deleteCustomer(store, other.id);
		expect((await findDuplicatePairs(store)).pairs).toEqual([]);
		await restoreCustomer(store, other.id);
		expect(ids((await findDuplicatePairs(store)).pairs)).toEqual([[anna.id, other.id]]);
		expect((await duplicatesOf(store, {...anna, id: anna.id})).map(pair => pair.b.id)).toEqual([other.id]);
	});

	it('checks a customer about to be added at once, by its fields', async () => {
		const store = await tempStore(engine);
		const anna = await createCustomer(store, {name: 'Anna Müller', company: 'Acme', city: 'Berlin', phone: '+49 30 1234567', country: 'DE'});
		const found = await duplicatesOf(store, {name: 'anna muller', company: 'ACME GmbH', email: '', phone: '', city: 'Berlin', country: ''});
		expect(found.map(pair => pair.b.id)).toEqual([anna.id]);
		expect(await duplicatesOf(store, {name: 'Zoë Martin', company: 'Acme', email: '', phone: '', city: 'Berlin', country: ''})).toEqual([]);
	});

	it('gives imported customers their keys, and catches up rows written without them', async () => {
		const store = await tempStore(engine);
		const file = path.join(tempFolder(), 'people.csv');
		fs.writeFileSync(file, 'name,email,phone,country\nAnna Müller,anna@example.com,+49 30 1234567,DE\nAnna Mueller,ANNA+crm@example.com,,\n');
		await importCustomersCsv(store, file);
		expect((await findDuplicatePairs(store)).pairs).toHaveLength(1);
		await store.write(tx => sql`UPDATE customers SET match_email = NULL, match_phone = NULL, match_company = NULL, match_city = NULL, match_name_a = NULL, match_name_b = NULL`.execute(tx.db));
		expect((await findDuplicatePairs(store)).pairs).toHaveLength(1);
		expect(await fillMatchColumns(store)).toBe(0);
	});
});

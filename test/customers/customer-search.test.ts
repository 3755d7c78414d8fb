import {describe, expect, it} from 'vitest';
import type {Db} from '../../source/store/store.js';
import {createCustomer, deleteCustomer, updateCustomer} from '../../source/customers/customers.js';
import {cursorOf, listCustomers, type CustomerListQuery} from '../../source/customers/customer-list.js';
import {bulkBatch, startBulkInsert} from '../../source/customers/customer-bulk.js';
import {syntheticCustomers} from '../../source/seed/synthetic.js';
import {engines, tempStore} from '../support/engines.js';

const names = async (db: Db, query: CustomerListQuery) => (await listCustomers(db, query)).customers.map(customer => customer.name);

async function people(db: Db) {
	await createCustomer(db, {name: 'Zoë Müller', company: 'Blauberg GmbH', email: 'zoe@blauberg.example', phone: '+49 30 1234567', status: 'active'});
	await createCustomer(db, {name: 'Émile Dubois', company: 'Lumière SA', email: 'emile@lumiere.example', status: 'lead'});
	await createCustomer(db, {name: 'emma Stone', company: 'Acme Inc', email: 'emma@acme.example', status: 'inactive'});
	await createCustomer(db, {name: '王小明', company: '上海贸易有限公司', email: 'wang@sh.example', status: 'active'});
	await createCustomer(db, {name: 'Hans Koller', company: 'Acme Inc', email: 'hans@acme.example', phone: '555-0199'});
}

describe.each(engines)('customer search on %s', engine => {
	it('lists by name ignoring case and accents', async () => {
		const db = await tempStore(engine);
		await people(db);
		expect(await names(db, {})).toEqual(['Émile Dubois', 'emma Stone', 'Hans Koller', 'Zoë Müller', '王小明']);
	});

	it('finds prefixes and substrings in any case, with or without accents', async () => {
		const db = await tempStore(engine);
		await people(db);
		expect(await names(db, {search: 'mül'})).toEqual(['Zoë Müller']);
		expect(await names(db, {search: 'MULLER'})).toEqual(['Zoë Müller']);
		expect(await names(db, {search: 'ller'})).toEqual(['Hans Koller', 'Zoë Müller']);
		expect(await names(db, {search: 'lumiere'})).toEqual(['Émile Dubois']);
		expect(await names(db, {search: 'em'})).toEqual(['Émile Dubois', 'emma Stone']);
		expect(await names(db, {search: 'acme hans'})).toEqual(['Hans Koller']);
		expect(await names(db, {search: 'nobody-here'})).toEqual([]);
	});

	it('finds CJK names by any part, and phones by their digits', async () => {
		const db = await tempStore(engine);
		await people(db);
		expect(await names(db, {search: '小明'})).toEqual(['王小明']);
		expect(await names(db, {search: '明'})).toEqual(['王小明']);
		expect(await names(db, {search: '贸易'})).toEqual(['王小明']);
		expect(await names(db, {search: '1234567'})).toEqual(['Zoë Müller']);
		expect(await names(db, {search: '5550199'})).toEqual(['Hans Koller']);
		// As written or pasted: with a country code, spaces, brackets, dashes or dots.
		for (const search of ['+49 30 1234567', '+49 (30) 123-4567', '030 1234567'.slice(1), '30-123', '+49 30']) {
			expect(await names(db, {search}), search).toEqual(['Zoë Müller']);
		}
		for (const search of ['555-0199', '(555) 0199', '555.01', 'koller 555-01']) expect(await names(db, {search}), search).toEqual(['Hans Koller']);
		// The digits in a row, not anywhere in the number.
		expect(await names(db, {search: '+49 1234567'})).toEqual([]);
	});

	it('follows edits and deletes, and filters by status', async () => {
		const db = await tempStore(engine);
		await people(db);
		const [emma] = (await listCustomers(db, {search: 'emma'})).customers;
		await updateCustomer(db, emma!.id, {name: 'Emma Watson', email: 'watson@acme.example'});
		expect(await names(db, {search: 'stone'})).toEqual([]);
		expect(await names(db, {search: 'watson'})).toEqual(['Emma Watson']);
		await deleteCustomer(db, emma!.id);
		expect(await names(db, {search: 'watson'})).toEqual([]);
		expect(await names(db, {search: 'watson', status: 'deleted'})).toEqual(['Emma Watson']);
		expect(await names(db, {status: 'active'})).toEqual(['Zoë Müller', '王小明']);
		expect(await names(db, {search: 'acme', status: 'lead'})).toEqual(['Hans Koller']);
	});

	it('pages forward and backward with keyset cursors, over many customers, with and without a search', async () => {
		const db = await tempStore(engine);
		// Some customers before the bulk load: they are renumbered and re-indexed with it.
		await people(db);
		await db.write(async tx => {
			const bulk = await startBulkInsert(tx, {now: new Date().toISOString()});
			for (const fields of syntheticCustomers(8_000)) {
				bulk.add(fields);
				if (bulk.pending >= bulkBatch) await bulk.flush();
			}
			await bulk.finish();
		});
		for (const search of ['', 'ann', 'müller', 'z', 'qiang wang', 'wang w', '王']) {
			const all: number[] = [];
			let page = await listCustomers(db, {search, limit: 100});
			all.push(...page.customers.map(customer => customer.id));
			while (page.hasMore) {
				page = await listCustomers(db, {search, limit: 100, cursor: cursorOf(page.customers.at(-1)!)});
				all.push(...page.customers.map(customer => customer.id));
			}
			const expected = await expectedIds(db, search);
			// Every search here finds several customers, most of them a page boundary or more: the comparison means something.
			expect(expected.length, `search "${search}"`).toBeGreaterThan(search ? 3 : 8_000);
			expect(all, `search "${search}"`).toEqual(expected);
			// The last page read backward from the end is the tail of the same order.
			const last = await listCustomers(db, {search, limit: 7, direction: 'backward'});
			expect(last.customers.map(customer => customer.id)).toEqual(expected.slice(-7));
		}
	});

	it('keeps name order and search when many names land in one spot and ranks must be spread out', async () => {
		const db = await tempStore(engine);
		await createCustomer(db, {name: 'Aaron First'});
		await createCustomer(db, {name: 'Zed Last'});
		// Each new name sorts between the previous one and "Zed": the gap halves every time.
		const added: string[] = [];
		for (let index = 0; index < 80; index++) {
			const name = `Mid ${String.fromCharCode(97 + Math.floor(index / 26))}${String.fromCharCode(97 + (index % 26))} Person`;
			await createCustomer(db, {name, email: `mid${index}@example.org`});
			added.push(name);
		}
		const all = await names(db, {limit: 500});
		expect(all).toEqual(['Aaron First', ...added, 'Zed Last']);
		expect(await names(db, {search: 'person', limit: 500})).toEqual(added);
		expect(await names(db, {search: 'mid79', limit: 500})).toEqual([added[79]]);
		// A rename moves the customer to its new place in the list and in search.
		const [aaron] = (await listCustomers(db, {search: 'aaron'})).customers;
		await updateCustomer(db, aaron!.id, {name: 'Zz Renamed'});
		expect((await names(db, {limit: 500})).slice(-2)).toEqual(['Zed Last', 'Zz Renamed']);
		expect(await names(db, {search: 'renamed'})).toEqual(['Zz Renamed']);
		expect(await names(db, {search: 'aaron'})).toEqual([]);
	});
});

/**
 * The same answer computed the slow, obvious way from README's rules and the customers'
 * own fields (never the stored search columns): fold case and accents; a term of three or
 * more characters matches inside name, company, email or the phone's digits; a shorter one
 * matches the start of a word (each CJK character is a word); every term must match. In
 * name order: folded names compared as UTF-8 bytes, as SQLite compares text, then id.
 */
async function expectedIds(db: Db, search: string): Promise<number[]> {
	const terms = fold(search).split(' ').filter(Boolean);
	return (await customersByHand(db))
		.filter(row => terms.every(term => ([...term].length >= 3
			? row.fields.some(field => field.includes(term)) || row.digits.includes(term)
			: row.words.some(word => word.startsWith(term)))))
		.map(row => row.id);
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
// Words are runs of letters and digits; each Chinese, Japanese or Korean character is a word of its own.
const wordsIn = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? [])
	.flatMap(word => word.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/u).filter(Boolean));

const byHand = new WeakMap<Db, Array<{id: number; fields: string[]; digits: string; words: string[]}>>();

/** Live customers folded once per database, in name order: folded names as UTF-8 bytes, as SQLite compares text, then id. */
async function customersByHand(db: Db) {
	let rows = byHand.get(db);
	if (!rows) {
		const raw = await db.db.selectFrom('customers').select(['id', 'name', 'company', 'email', 'phone']).where('deleted_at', 'is', null).execute();
		rows = raw.map(row => {
			const fields = [row.name, row.company, row.email].map(fold);
			return {id: row.id, fields, digits: row.phone.replace(/\D+/g, ''), words: [...fields, fold(row.phone)].flatMap(wordsIn), key: Buffer.from(fields[0]!)};
		}).sort((a, b) => Buffer.compare(a.key, b.key) || a.id - b.id);
		byHand.set(db, rows);
	}
	return rows;
}

import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import type {CustomerFields} from './customer-fields.js';
import {insertValidCustomer} from './customers.js';
import {rankGap} from './name-rank.js';
import {customerIndexesPostgres, customerIndexNamesPostgres} from './schema-postgres.js';
import {nameKeyOf, searchTextOf} from './search-text.js';
import {searchKeysLiteral} from './search-keys.js';
import {postgresSearchUpkeep} from './customer-search-postgres.js';
import {matchIndexesPostgres, matchIndexNames} from '../duplicates/schema.js';
import {matchColumnNames, matchColumnsOf} from '../duplicates/match-columns.js';
import {type BulkExtras, type BulkOptions, type EngineBulkInsert} from './customer-bulk.js';

type Queued = {fields: CustomerFields; extra: BulkExtras};

/**
 * The bulk insert on PostgreSQL (customer-bulk.ts): row by row through insertValidCustomer
 * at first; past a threshold (see flush), a batch at a time as one INSERT over arrays (one statement
 * per couple of thousand rows), each row's search keys computed beforehand. Into an empty
 * table (ranked) the secondary indexes, the GIN index of search keys among them, are dropped
 * and built once at the end; otherwise rows go in with rank 0 and every rank is renumbered
 * in name order by one UPDATE at the end. The name-rank lock is held throughout.
 */
export async function startPostgresBulkInsert(tx: Db, options: BulkOptions, keepIds: boolean): Promise<EngineBulkInsert> {
	const {now} = options;
	await postgresSearchUpkeep.lockRanks(tx);
	const before = await sql<{rows: number}>`SELECT count(*) AS rows FROM customers`.execute(tx.db);
	const rowsBefore = Number(before.rows[0]?.rows ?? 0);
	const ranked = options.ranked === true && rowsBefore === 0;
	let added = 0;
	let onePass = false;
	let keptIds = false;
	let indexesDropped = false;
	const created: number[] = [];
	let queued: Queued[] = [];
	const goBare = async () => {
		onePass = true;
		if (rowsBefore > 0) return;
		// Empty before: nobody else can read these rows until commit, and one sort per index beats a million inserts.
		for (const name of [...customerIndexNamesPostgres, ...matchIndexNames]) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(tx.db);
		indexesDropped = true;
	};
	if (ranked) await goBare();
	const writeBare = async (rows: Queued[]) => {
		if (rows.length === 0) return;
		const ids = await sql<{id: number}>`SELECT nextval(pg_get_serial_sequence('customers', 'id')) AS id FROM generate_series(1, ${rows.length})`.execute(tx.db);
		const columns = {
			id: [] as number[], name: [] as string[], company: [] as string[], email: [] as string[], phone: [] as string[], address: [] as string[],
			city: [] as string[], country: [] as string[], status: [] as string[], tags: [] as string[], notes: [] as string[], created_at: [] as string[],
			updated_at: [] as string[], version: [] as number[], name_key: [] as string[], name_rank: [] as number[], search_text: [] as string[], search_keys: [] as string[],
			match_email: [] as string[], match_phone: [] as string[], match_company: [] as string[], match_city: [] as string[], match_name_a: [] as string[], match_name_b: [] as string[],
		};
		rows.forEach(({fields, extra}, index) => {
			const id = extra.id ?? Number(ids.rows[index]!.id);
			if (extra.id !== undefined) keptIds = true;
			if (keepIds) created.push(id);
			const text = extra.searchText === undefined || extra.searchKeys === undefined ? searchTextOf(fields) : undefined;
			const createdAt = extra.createdAt ?? now;
			columns.id.push(id);
			columns.name.push(fields.name);
			columns.company.push(fields.company);
			columns.email.push(fields.email);
			columns.phone.push(fields.phone);
			columns.address.push(fields.address);
			columns.city.push(fields.city);
			columns.country.push(fields.country);
			columns.status.push(fields.status);
			columns.tags.push(JSON.stringify(fields.tags));
			columns.notes.push(fields.notes);
			columns.created_at.push(createdAt);
			columns.updated_at.push(extra.updatedAt ?? createdAt);
			columns.version.push(extra.version ?? 1);
			columns.name_key.push(extra.nameKey ?? nameKeyOf(fields.name));
			columns.name_rank.push(ranked ? extra.rank ?? 0 : 0);
			columns.search_text.push(extra.searchText ?? text!.searchText);
			columns.search_keys.push(extra.searchKeys ?? searchKeysLiteral(text!));
			const match = extra.match ?? matchColumnsOf(fields);
			for (const column of matchColumnNames) columns[column].push(match[column]);
		});
		await sql`INSERT INTO customers (id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version,
				name_key, name_rank, search_text, search_keys, match_email, match_phone, match_company, match_city, match_name_a, match_name_b)
			SELECT id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version,
				name_key, name_rank, search_text, search_keys::integer[], match_email, match_phone, match_company, match_city, match_name_a, match_name_b
			FROM unnest(${columns.id}::bigint[], ${columns.name}::text[], ${columns.company}::text[], ${columns.email}::text[], ${columns.phone}::text[],
				${columns.address}::text[], ${columns.city}::text[], ${columns.country}::text[], ${columns.status}::text[], ${columns.tags}::text[],
				${columns.notes}::text[], ${columns.created_at}::text[], ${columns.updated_at}::text[], ${columns.version}::bigint[],
				${columns.name_key}::text[], ${columns.name_rank}::bigint[], ${columns.search_text}::text[], ${columns.search_keys}::text[],
				${columns.match_email}::text[], ${columns.match_phone}::text[], ${columns.match_company}::text[], ${columns.match_city}::text[],
				${columns.match_name_a}::text[], ${columns.match_name_b}::text[])
				AS given (id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, version,
					name_key, name_rank, search_text, search_keys, match_email, match_phone, match_company, match_city, match_name_a, match_name_b)`.execute(tx.db);
	};
	const flush = async () => {
		const rows = queued;
		queued = [];
		// Bare once the batch is as large as the table was: renumbering every rank at the end then
		// costs at most about what the batch does (a rank's change rewrites its row and index entries).
		if (!onePass && added >= 1000 && added > rowsBefore) await goBare();
		if (onePass) return writeBare(rows);
		for (const {fields, extra} of rows) {
			// Row by row: ranks as a single edit makes them.
			const id = await insertValidCustomer(tx, fields, now);
			const createdAt = extra.createdAt ?? now;
			if (extra.id !== undefined || extra.createdAt !== undefined || extra.updatedAt !== undefined || extra.version !== undefined) {
				await tx.db.updateTable('customers').set({id: extra.id ?? id, created_at: createdAt, updated_at: extra.updatedAt ?? createdAt, version: extra.version ?? 1})
					.where('id', '=', id).execute();
				if (extra.id !== undefined) keptIds = true;
			}
			if (keepIds) created.push(extra.id ?? id);
		}
	};
	return {
		created,
		get pending() {
			return queued.length;
		},
		add(fields, extra = {}) {
			added++;
			queued.push({fields, extra});
		},
		flush,
		async finishTables() {
			await flush();
			// Ids kept from an export: the identity must go on after the highest of them.
			if (keptIds) await sql`SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT max(id) FROM customers))`.execute(tx.db);
			if (!onePass) return;
			if (!ranked) {
				await sql`UPDATE customers SET name_rank = numbered.rank
					FROM (SELECT id, row_number() OVER (ORDER BY name_key, id) * ${rankGap} AS rank FROM customers) AS numbered
					WHERE customers.id = numbered.id AND customers.name_rank <> numbered.rank`.execute(tx.db);
			}
			if (indexesDropped) {
				await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(tx.db);
				for (const statement of [...customerIndexesPostgres, ...matchIndexesPostgres]) await sql.raw(statement).execute(tx.db);
			}
			// Fresh statistics, so the planner knows how common each search key is (customer-list-postgres.ts).
			await sql`ANALYZE customers`.execute(tx.db);
		},
		async finishSearch() {
			// The GIN index of search keys was built with the others.
		},
	};
}

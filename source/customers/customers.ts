import type {Database} from 'better-sqlite3';
import {ConflictError, NotFoundError, ValidationError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import {statementCache} from '../store/statements.js';
import {customerFieldNames, type Customer, type CustomerFields} from './customer-fields.js';
import {customerColumns, customerFromRow, type CustomerRow} from './customer-rows.js';
import {validateCustomerFields} from './customer-validation.js';
import {nameKeyOf, searchTextOf} from './search-text.js';
import {recordChanges} from './history.js';
import {rankFor} from './name-rank.js';
import {indexCustomerText, unindexCustomerText} from './customer-search-index.js';

/** Who made a change: `operator` (a person at the desk or CLI) or a robot's name. */
export type Actor = string;
export type WriteOptions = {actor?: Actor; clock?: Clock};

const statements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO customers
		(id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, name_key, name_rank, search_text)
		VALUES (@id, @name, @company, @email, @phone, @address, @city, @country, @status, @tags, @notes, @now, @now, @name_key, @name_rank, @search_text)`),
	update: db.prepare(`UPDATE customers SET
		name = @name, company = @company, email = @email, phone = @phone, address = @address, city = @city,
		country = @country, status = @status, tags = @tags, notes = @notes, updated_at = @now,
		name_key = @name_key, name_rank = @name_rank, search_text = @search_text, version = version + 1
		WHERE id = @id AND version = @version`),
	setDeleted: db.prepare('UPDATE customers SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?'),
	byId: db.prepare<[number], CustomerRow>(`SELECT ${customerColumns} FROM customers WHERE id = ?`),
	rankOf: db.prepare<[number], number>('SELECT name_rank FROM customers WHERE id = ?').pluck(),
	nextId: db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM customers').pluck(),
	liveEmailOwner: db.prepare<[string, number], {id: number}>(
		"SELECT id FROM customers WHERE lower(email) = lower(?) AND deleted_at IS NULL AND email <> '' AND id <> ?"),
}));

function storedColumns(fields: CustomerFields) {
	const {searchText, substringText, searchWords} = searchTextOf(fields);
	return {
		...fields,
		tags: JSON.stringify(fields.tags),
		name_key: nameKeyOf(fields.name),
		search_text: searchText,
		substring_text: substringText,
		search_words: searchWords,
	};
}

function assertEmailFree(db: Database, email: string, exceptId: number): void {
	if (!email) return;
	const owner = statements(db).liveEmailOwner.get(email, exceptId);
	if (owner) throw new ValidationError('email', `${email} is already used by customer #${owner.id}`);
}

/** Inserts already-validated fields; the caller holds the transaction. */
export function insertValidCustomer(db: Database, fields: CustomerFields, now: string): number {
	const columns = storedColumns(fields);
	// Ids only grow (rows are never removed), so the new row sorts after its namesakes.
	const id = statements(db).nextId.get()!;
	const rank = rankFor(db, columns.name_key, id);
	statements(db).insert.run({...columns, id, now, name_rank: rank});
	indexCustomerText(db, rank, searchColumnsOf(columns));
	return id;
}

function searchColumnsOf(columns: ReturnType<typeof storedColumns>) {
	return {substringText: columns.substring_text, searchWords: columns.search_words};
}

export function createCustomer(db: Database, input: Partial<CustomerFields>, options: WriteOptions = {}): Customer {
	const fields = validateCustomerFields(input);
	const now = (options.clock ?? systemClock)();
	return db.transaction(() => {
		assertEmailFree(db, fields.email, 0);
		const id = insertValidCustomer(db, fields, now);
		return requireCustomer(db, id, {includeDeleted: true});
	}).immediate();
}

export function getCustomer(db: Database, id: number): Customer | undefined {
	const row = statements(db).byId.get(id);
	return row ? customerFromRow(row) : undefined;
}

export function requireCustomer(db: Database, id: number, options: {includeDeleted?: boolean} = {}): Customer {
	const customer = getCustomer(db, id);
	if (!customer || (customer.deleted_at && !options.includeDeleted)) {
		throw new NotFoundError(customer ? `customer #${id} is deleted (restore it first)` : `no customer #${id}`);
	}
	return customer;
}

export type UpdateOptions = WriteOptions & {
	/** The version the change is based on; a newer stored version means someone else changed it. */
	expectedVersion?: number;
};

/** Applies changed fields with validation, optimistic locking and one history row per changed field. */
export function updateCustomer(db: Database, id: number, changes: Partial<CustomerFields>, options: UpdateOptions = {}): Customer {
	const now = (options.clock ?? systemClock)();
	return db.transaction(() => {
		const current = requireCustomer(db, id);
		if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
			throw new ConflictError(
				`customer #${id} was changed elsewhere (version ${current.version}, this edit is based on ${options.expectedVersion}); reload and edit again`,
			);
		}
		const before: CustomerFields = pickFields(current);
		const after = validateCustomerFields({...before, ...changes});
		const changed = customerFieldNames.filter(field => !sameValue(before[field], after[field]));
		if (changed.length === 0) return current;
		if (changed.includes('email')) assertEmailFree(db, after.email, id);
		const columns = storedColumns(after);
		const oldRank = statements(db).rankOf.get(id)!;
		const searchable = changed.some(field => field === 'name' || field === 'company' || field === 'email' || field === 'phone');
		// Out of the index before a new rank is found: spreading neighbours may reuse oldRank.
		if (searchable) unindexCustomerText(db, oldRank);
		const rank = columns.name_key === nameKeyOf(before.name) ? oldRank : rankFor(db, columns.name_key, id);
		const result = statements(db).update.run({...columns, id, version: current.version, now, name_rank: rank});
		if (result.changes !== 1) throw new ConflictError(`customer #${id} was changed elsewhere; reload and edit again`);
		if (searchable) indexCustomerText(db, rank, searchColumnsOf(columns));
		recordChanges(db, id, changed.map(field => ({field, before: before[field], after: after[field]})), options.actor ?? 'operator', now);
		return requireCustomer(db, id);
	}).immediate();
}

/** Soft delete: the row stays (with its history and interactions) and can be restored. */
export function deleteCustomer(db: Database, id: number, options: WriteOptions = {}): Customer {
	const now = (options.clock ?? systemClock)();
	return db.transaction(() => {
		requireCustomer(db, id);
		statements(db).setDeleted.run(now, now, id);
		recordChanges(db, id, [{field: 'deleted', before: null, after: now}], options.actor ?? 'operator', now);
		return requireCustomer(db, id, {includeDeleted: true});
	}).immediate();
}

export function restoreCustomer(db: Database, id: number, options: WriteOptions = {}): Customer {
	const now = (options.clock ?? systemClock)();
	return db.transaction(() => {
		const customer = requireCustomer(db, id, {includeDeleted: true});
		if (!customer.deleted_at) throw new ValidationError('id', `customer #${id} is not deleted`);
		// A live customer may have taken the address meanwhile: refuse rather than break uniqueness.
		assertEmailFree(db, customer.email, id);
		statements(db).setDeleted.run(null, now, id);
		recordChanges(db, id, [{field: 'deleted', before: customer.deleted_at, after: null}], options.actor ?? 'operator', now);
		return requireCustomer(db, id);
	}).immediate();
}

export function pickFields(customer: Customer): CustomerFields {
	const {name, company, email, phone, address, city, country, status, tags, notes} = customer;
	return {name, company, email, phone, address, city, country, status, tags: [...tags], notes};
}

function sameValue(a: unknown, b: unknown): boolean {
	return Array.isArray(a) && Array.isArray(b) ? a.join('\u0000') === b.join('\u0000') : a === b;
}

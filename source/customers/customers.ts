import {ConflictError, NotFoundError, ValidationError} from '../store/errors.js';
import {systemClock, type Clock} from '../store/clock.js';
import type {Db} from '../store/store.js';
import {forUpdate, isUniqueViolation, nextId} from '../store/engine-sql.js';
import {emitRecordEvent, type ChangeOrigin} from '../events/record-events.js';
import {customerFieldNames, type Customer, type CustomerFields} from './customer-fields.js';
import {customerColumns, customerFromRow, type CustomerRow} from './customer-rows.js';
import {validateCustomerFields} from './customer-validation.js';
import {nameKeyOf, searchTextOf} from './search-text.js';
import {searchKeysOf} from './search-keys.js';
import {matchColumnsOf} from '../duplicates/match-columns.js';
import {recordChanges} from './history.js';
import {rankFor} from './name-rank.js';
import {searchUpkeep} from './search-upkeep.js';
import {sql} from 'kysely';

/** Who made a change: `operator` (a person at the desk or CLI) or a robot's name. */
export type Actor = string;
export type WriteOptions = {
	actor?: Actor;
	clock?: Clock;
	/** Who made the change and why, for record listeners (robots pass their job); its actor is the history's. */
	origin?: ChangeOrigin;
};

/** The origin of a write: the one given, else a person (or the named actor) by hand. */
export function originOf(options: WriteOptions): ChangeOrigin {
	return options.origin ?? {actor: options.actor ?? 'operator'};
}

function actorOf(options: WriteOptions): Actor {
	return options.actor ?? options.origin?.actor ?? 'operator';
}

/** The columns a customer's fields are stored as, with what search and name order derive from them. */
export function storedColumns(db: Db, fields: CustomerFields) {
	const text = searchTextOf(fields);
	return {
		columns: {
			name: fields.name, company: fields.company, email: fields.email, phone: fields.phone, address: fields.address,
			city: fields.city, country: fields.country, status: fields.status, tags: JSON.stringify(fields.tags), notes: fields.notes,
			name_key: nameKeyOf(fields.name),
			search_text: text.searchText,
			...(db.engine === 'postgres' ? {search_keys: searchKeysOf(text)} : {}),
			// Duplicate blocking keys: kept with every write of the fields they come from.
			...matchColumnsOf(fields),
		},
		search: {substringText: text.substringText, searchWords: text.searchWords},
	};
}

async function assertEmailFree(db: Db, email: string, exceptId: number): Promise<void> {
	if (!email) return;
	const owner = await db.db.selectFrom('customers').select('id')
		.where(sql<boolean>`lower(email) = lower(${email}) AND deleted_at IS NULL AND email <> '' AND id <> ${exceptId}`)
		.executeTakeFirst();
	if (owner) throw new ValidationError('email', `${email} is already used by customer #${owner.id}`);
}

/** A second session that took the email meanwhile (PostgreSQL) is refused by the unique index: the same message. */
async function emailChecked<T>(email: string, write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (isUniqueViolation(error, 'customers_live_email')) throw new ValidationError('email', `${email} is already used by another customer`);
		throw error;
	}
}

/** Inserts already-validated fields; the caller holds the write transaction. */
export async function insertValidCustomer(db: Db, fields: CustomerFields, now: string): Promise<number> {
	const {columns, search} = storedColumns(db, fields);
	// Ids only grow, so the new row sorts after its namesakes.
	const id = await nextId(db, 'customers');
	const rank = await rankFor(db, columns.name_key, id);
	await db.db.insertInto('customers').values({...columns, id, created_at: now, updated_at: now, name_rank: rank}).execute();
	await searchUpkeep(db).add(db, rank, search);
	return id;
}

export async function createCustomer(db: Db, input: Partial<CustomerFields>, options: WriteOptions = {}): Promise<Customer> {
	const fields = validateCustomerFields(input);
	const now = (options.clock ?? systemClock)();
	return emailChecked(fields.email, () => db.write(async tx => {
		await assertEmailFree(tx, fields.email, 0);
		const id = await insertValidCustomer(tx, fields, now);
		const customer = await requireCustomer(tx, id, {includeDeleted: true});
		await emitRecordEvent(tx, {type: 'customer.created', customer}, originOf(options));
		return customer;
	}));
}

async function customerRow(db: Db, id: number, lock = false): Promise<CustomerRow | undefined> {
	const found = await sql<CustomerRow>`SELECT ${sql.raw(customerColumns)} FROM customers WHERE id = ${id} ${lock ? forUpdate(db) : sql.raw('')}`.execute(db.db);
	return found.rows[0];
}

export async function getCustomer(db: Db, id: number): Promise<Customer | undefined> {
	const row = await customerRow(db, id);
	return row ? customerFromRow(row) : undefined;
}

export type RequireOptions = {
	includeDeleted?: boolean;
	/** Inside a write: lock the row until the transaction ends (PostgreSQL), because it is about to change. */
	forUpdate?: boolean;
};

export async function requireCustomer(db: Db, id: number, options: RequireOptions = {}): Promise<Customer> {
	const row = await customerRow(db, id, options.forUpdate);
	const customer = row ? customerFromRow(row) : undefined;
	if (!customer || (customer.deleted_at && !options.includeDeleted)) {
		throw new NotFoundError(customer ? `customer #${id} is deleted (restore it first)` : `no customer #${id}`);
	}
	return customer;
}

export type UpdateOptions = WriteOptions & {
	/** The version the change is based on; a newer stored version means someone else changed it. */
	expectedVersion?: number;
	/** Part of a larger change that tells listeners itself (a merge emits `customer.merged`): no `customer.updated`. */
	quiet?: boolean;
};

const searchable = new Set(['name', 'company', 'email', 'phone']);

/** Applies changed fields with validation, optimistic locking and one history row per changed field. */
export async function updateCustomer(db: Db, id: number, changes: Partial<CustomerFields>, options: UpdateOptions = {}): Promise<Customer> {
	const now = (options.clock ?? systemClock)();
	return emailChecked(changes.email ?? '', () => db.write(async tx => {
		const current = await requireCustomer(tx, id, {forUpdate: true});
		if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
			throw new ConflictError(
				`customer #${id} was changed elsewhere (version ${current.version}, this edit is based on ${options.expectedVersion}); reload and edit again`,
			);
		}
		const before: CustomerFields = pickFields(current);
		const after = validateCustomerFields({...before, ...changes});
		const changed = customerFieldNames.filter(field => !sameValue(before[field], after[field]));
		if (changed.length === 0) return current;
		if (changed.includes('email')) await assertEmailFree(tx, after.email, id);
		const {columns, search} = storedColumns(tx, after);
		const upkeep = searchUpkeep(tx);
		const oldRank = (await tx.db.selectFrom('customers').select('name_rank').where('id', '=', id).executeTakeFirstOrThrow()).name_rank;
		const reindex = changed.some(field => searchable.has(field));
		// Out of the index before a new rank is found: spreading neighbours may reuse oldRank.
		if (reindex) await upkeep.remove(tx, oldRank);
		const rank = columns.name_key === nameKeyOf(before.name) ? oldRank : await rankFor(tx, columns.name_key, id);
		const result = await tx.db.updateTable('customers')
			.set({...columns, updated_at: now, name_rank: rank, version: sql<number>`version + 1`})
			.where('id', '=', id).where('version', '=', current.version)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`customer #${id} was changed elsewhere; reload and edit again`);
		if (reindex) await upkeep.add(tx, rank, search);
		await recordChanges(tx, id, changed.map(field => ({field, before: before[field], after: after[field]})), actorOf(options), now);
		const updated = await requireCustomer(tx, id);
		if (!options.quiet) await emitRecordEvent(tx, {type: 'customer.updated', before: current, after: updated, changed}, originOf(options));
		return updated;
	}));
}

/** Soft delete: the row stays (with its history and interactions) and can be restored. */
export async function deleteCustomer(db: Db, id: number, options: WriteOptions = {}): Promise<Customer> {
	const now = (options.clock ?? systemClock)();
	return db.write(async tx => {
		await requireCustomer(tx, id, {forUpdate: true});
		await tx.db.updateTable('customers').set({deleted_at: now, updated_at: now, version: sql<number>`version + 1`}).where('id', '=', id).execute();
		await recordChanges(tx, id, [{field: 'deleted', before: null, after: now}], actorOf(options), now);
		const customer = await requireCustomer(tx, id, {includeDeleted: true});
		await emitRecordEvent(tx, {type: 'customer.deleted', customer}, originOf(options));
		return customer;
	});
}

export async function restoreCustomer(db: Db, id: number, options: WriteOptions = {}): Promise<Customer> {
	const now = (options.clock ?? systemClock)();
	return db.write(async tx => {
		const customer = await requireCustomer(tx, id, {includeDeleted: true, forUpdate: true});
		if (!customer.deleted_at) throw new ValidationError('id', `customer #${id} is not deleted`);
		// A merged customer's orders, interactions and jobs now belong to the one it was merged
		// into: bringing it back alone would leave it empty beside its double. Undo the merge instead.
		const merged = await tx.db.selectFrom('customers').select('merged_into').where('id', '=', id).executeTakeFirst();
		if (merged?.merged_into) {
			const journal = await tx.db.selectFrom('merges').select('id').where('keep_id', '=', Number(merged.merged_into)).where('undone_at', 'is', null).orderBy('id', 'desc').executeTakeFirst();
			throw new ConflictError(`customer #${id} was merged into #${merged.merged_into}; bring it back by undoing that merge (opsdesk merges undo ${journal?.id ?? 'ID'}), not by restoring it`);
		}
		// A live customer may have taken the address meanwhile: refuse rather than break uniqueness.
		await assertEmailFree(tx, customer.email, id);
		await emailChecked(customer.email, () => tx.db.updateTable('customers')
			.set({deleted_at: null, updated_at: now, version: sql<number>`version + 1`}).where('id', '=', id).execute());
		await recordChanges(tx, id, [{field: 'deleted', before: customer.deleted_at, after: null}], actorOf(options), now);
		const restored = await requireCustomer(tx, id);
		await emitRecordEvent(tx, {type: 'customer.restored', customer: restored}, originOf(options));
		return restored;
	});
}

export function pickFields(customer: Customer): CustomerFields {
	const {name, company, email, phone, address, city, country, status, tags, notes} = customer;
	return {name, company, email, phone, address, city, country, status, tags: [...tags], notes};
}

function sameValue(a: unknown, b: unknown): boolean {
	return Array.isArray(a) && Array.isArray(b) ? a.join('\u0000') === b.join('\u0000') : a === b;
}

import type {Database} from 'better-sqlite3';
import {preparedFor} from '../store/statements.js';
import type {Customer, CustomerStatus} from './customer-fields.js';
import {cursorOf, listCustomers} from './customer-list.js';

export type CountFilter = {search?: string; status?: CustomerStatus | 'deleted'};

/** How many; `more` when counting stopped at the cap (a common search term at a million customers). */
export type Count = {count: number; more: boolean};

function rankCondition(filter: CountFilter): {where: string; parameters: unknown[]; index: string} {
	if (filter.status === 'deleted') return {where: 'deleted_at IS NOT NULL', parameters: [], index: 'customers_deleted_by_rank'};
	const parameters: unknown[] = [];
	let where = 'deleted_at IS NULL';
	if (filter.status) {
		where += ' AND status = ?';
		parameters.push(filter.status);
	}
	return {where, parameters, index: 'customers_live_by_rank'};
}

/**
 * The customers a list shows (its header's "of 1,003,442", "matches 37"). Without a search
 * it is exact, from the rank index alone; a search is counted up to `cap` matches.
 */
export function countCustomers(db: Database, filter: CountFilter, cap = 1000): Count {
	if (filter.search?.trim()) {
		const page = listCustomers(db, {search: filter.search, status: filter.status, limit: cap});
		return {count: page.customers.length, more: page.hasMore};
	}
	const {where, parameters, index} = rankCondition(filter);
	const count = preparedFor<unknown[], number>(db, `SELECT count(*) FROM customers INDEXED BY ${index} WHERE ${where}`).pluck().get(...parameters) ?? 0;
	return {count, more: false};
}

/** How many customers of the list come before this one (its position less one), up to `cap` for a search. */
export function customersBefore(db: Database, filter: CountFilter, customer: Customer, cap = 1000): Count {
	if (filter.search?.trim()) {
		const page = listCustomers(db, {search: filter.search, status: filter.status, cursor: cursorOf(customer), direction: 'backward', limit: cap});
		return {count: page.customers.length, more: page.hasMore};
	}
	const rank = preparedFor<[number], number>(db, 'SELECT name_rank FROM customers WHERE id = ?').pluck().get(customer.id);
	if (rank === undefined) return {count: 0, more: false};
	const {where, parameters, index} = rankCondition(filter);
	const count = preparedFor<unknown[], number>(db, `SELECT count(*) FROM customers INDEXED BY ${index} WHERE ${where} AND name_rank < ?`).pluck().get(...parameters, rank) ?? 0;
	return {count, more: false};
}

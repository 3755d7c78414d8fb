import type {Customer, CustomerStatus} from './customer-fields.js';

/** A customers row as SQLite returns it. */
export type CustomerRow = {
	id: number;
	name: string;
	company: string;
	email: string;
	phone: string;
	address: string;
	city: string;
	country: string;
	status: CustomerStatus;
	tags: string;
	notes: string;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
	version: number;
};

export const customerColumns =
	'id, name, company, email, phone, address, city, country, status, tags, notes, created_at, updated_at, deleted_at, version';

export function customerFromRow(row: CustomerRow): Customer {
	return {
		id: row.id,
		name: row.name,
		company: row.company,
		email: row.email,
		phone: row.phone,
		address: row.address,
		city: row.city,
		country: row.country,
		status: row.status,
		tags: JSON.parse(row.tags) as string[],
		notes: row.notes,
		created_at: row.created_at,
		updated_at: row.updated_at,
		deleted_at: row.deleted_at,
		version: row.version,
	};
}

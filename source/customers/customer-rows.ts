import type {Customer, CustomerStatus} from './customer-fields.js';
import type {CustomersTable} from '../store/tables.js';

/** The columns `customerColumns` names, as either engine returns them (the table's own type, store/tables.ts). */
export type CustomerRow = Pick<CustomersTable, 'id' | 'name' | 'company' | 'email' | 'phone' | 'address' | 'city' | 'country' | 'tags' | 'notes' | 'created_at' | 'updated_at' | 'deleted_at'> & {
	status: CustomerStatus;
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

import type {Customer} from '../customers/customer-fields.js';
import {fitText} from '../components/fit-text.js';

/** The list's columns, left to right, with the width each gets at a given terminal width. */
export type CustomerColumn = {title: string; width: number; cell: (customer: Customer) => string};

/** Room for the selection marker and a space before the first column. */
export const rowIndent = 2;

const fixedStatus = 8;
// A phone as written internationally (`+1 (212) 555-0133`, `+33 1 42 68 53 00`) is 17-20
// characters: 16 at 80 columns, where every column counts, and room for all of it from 112.
const phoneWidth = (width: number) => Math.max(16, Math.min(20, Math.floor(width * 0.18)));
// The rest is shared in these proportions: email addresses are long, tags short.
const shares = {name: 0.26, company: 0.22, email: 0.32, tags: 0.2};

/** Column widths for a terminal `width` columns wide; they always add up to the row. */
export function customerColumns(width: number): CustomerColumn[] {
	const gaps = 5;
	const phone = phoneWidth(width);
	const flexible = Math.max(4 * 4, width - rowIndent - gaps - fixedStatus - phone);
	const name = Math.floor(flexible * shares.name);
	const company = Math.floor(flexible * shares.company);
	const email = Math.floor(flexible * shares.email);
	const tags = flexible - name - company - email;
	return [
		{title: 'Name', width: name, cell: customer => customer.name},
		{title: 'Company', width: company, cell: customer => customer.company},
		{title: 'Email', width: email, cell: customer => customer.email},
		{title: 'Phone', width: phone, cell: customer => customer.phone},
		{title: 'Status', width: fixedStatus, cell: customer => (customer.deleted_at ? 'deleted' : customer.status)},
		{title: 'Tags', width: tags, cell: customer => customer.tags.join(', ')},
	];
}

/** One list row without its marker: every cell cut or padded to its column. */
export function formatCustomerRow(customer: Customer, columns: readonly CustomerColumn[]): string {
	return columns.map(column => fitText(column.cell(customer), column.width)).join(' ');
}

export function formatColumnTitles(columns: readonly CustomerColumn[]): string {
	return columns.map(column => fitText(column.title, column.width)).join(' ');
}

import {describe, expect, it} from 'vitest';
import type {Customer} from '../../source/customers/customer-fields.js';
import {textWidth} from '../../source/components/fit-text.js';
import {customerColumns, formatColumnTitles, formatCustomerRow, rowIndent} from '../../source/screens/customers-row-format.js';

const customer = (fields: Partial<Customer>): Customer => ({
	id: 1, name: 'Anna Kowalski', company: 'Kowalski Sp.', email: 'anna@kowalski.example', phone: '+48 12 345 67 89',
	address: '', city: '', country: '', status: 'active', tags: ['vip', 'b2b'], notes: '',
	created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null, version: 1,
	...fields,
});

describe('customer rows', () => {
	it('fill the row exactly at every terminal width', () => {
		for (const width of [80, 100, 137, 200]) {
			const columns = customerColumns(width);
			expect(rowIndent + columns.reduce((sum, column) => sum + column.width, 0) + columns.length - 1).toBe(width);
			expect(textWidth(formatCustomerRow(customer({}), columns))).toBe(width - rowIndent);
			expect(textWidth(formatColumnTitles(columns))).toBe(width - rowIndent);
		}
	});

	it('put every field in its column, cutting what does not fit', () => {
		const columns = customerColumns(100);
		const row = formatCustomerRow(customer({name: 'Maximilian Alexander von Hohenzollern-Sigmaringen'}), columns);
		expect(row.startsWith('Maximilian Alex')).toBe(true);
		expect(row).toContain('…');
		expect(row).toContain('Kowalski Sp.');
		expect(row).toContain('+48 12 345 67 89');
		expect(row).toContain('active');
		expect(row).toContain('vip, b2b');
		expect(formatColumnTitles(columns)).toMatch(/^Name\s+Company\s+Email\s+Phone\s+Status\s+Tags\s*$/);
	});

	it('show an international phone whole from 112 columns, and never narrower than at 80', () => {
		for (const phone of ['+1 (212) 555-0133', '+33 1 42 68 53 00', '+44 20 7946 0321 x12']) {
			for (const width of [112, 137, 250]) expect(formatCustomerRow(customer({phone}), customerColumns(width))).toContain(` ${phone} `);
		}
		expect(formatCustomerRow(customer({phone: '+1 (212) 555-0133'}), customerColumns(100))).toContain(' +1 (212) 555-0133');
		expect(customerColumns(80).find(column => column.title === 'Phone')!.width).toBe(16);
	});

	it('keep columns aligned with wide characters', () => {
		const columns = customerColumns(100);
		const plain = formatCustomerRow(customer({}), columns);
		const wide = formatCustomerRow(customer({name: '王小明', company: '上海贸易有限公司上海贸易有限公司'}), columns);
		expect(textWidth(wide)).toBe(textWidth(plain));
		// The text from the email column's first screen column on.
		const emailOffset = columns[0]!.width + 1 + columns[1]!.width + 1;
		const fromEmail = (row: string) => {
			let width = 0;
			let index = 0;
			const characters = [...row];
			while (width < emailOffset) width += textWidth(characters[index++]!);
			return characters.slice(index).join('');
		};
		expect(fromEmail(plain).startsWith('anna@')).toBe(true);
		expect(fromEmail(wide).startsWith('anna@')).toBe(true);
	});

	it('show deleted customers as deleted', () => {
		const row = formatCustomerRow(customer({deleted_at: '2026-02-01T00:00:00.000Z'}), customerColumns(100));
		expect(row).toContain('deleted');
		expect(row).not.toContain('active');
	});
});

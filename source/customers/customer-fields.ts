import {z} from 'zod';
import {printableText} from '../text/printable.js';

export const customerStatuses = ['lead', 'active', 'inactive'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

/** The fields an operator (or a robot, or a CSV row) may set, in the order forms and CSV show them. */
export const customerFieldNames = [
	'name', 'company', 'email', 'phone', 'address', 'city', 'country', 'status', 'tags', 'notes',
] as const;
export type CustomerFieldName = (typeof customerFieldNames)[number];

export type CustomerFields = {
	name: string;
	company: string;
	email: string;
	phone: string;
	address: string;
	city: string;
	country: string;
	status: CustomerStatus;
	tags: string[];
	notes: string;
};

export type Customer = CustomerFields & {
	id: number;
	// snake_case like the columns, the CSV header and the --json keys: one name per field everywhere.
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
	version: number;
};

// Deliberately simple: one @, a dot in the domain, no spaces. Stricter checks reject real addresses.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

const oneLine = (field: string, max: number) =>
	z.string().trim().max(max, `${field} is longer than ${max} characters`).superRefine(printableText('one-line'));

const multiLine = (field: string, max: number) =>
	z.string().max(max, `${field} is longer than ${max} characters`).superRefine(printableText('multi-line'));

const tagsSchema = z
	.array(z.string().trim().min(1, 'a tag is empty').max(40, 'a tag is longer than 40 characters').refine(tag => !tag.includes(';'), 'a tag cannot contain ";"')
		.superRefine(printableText('one-line')))
	.max(50, 'more than 50 tags')
	.transform(tags => [...new Set(tags)]);

/** Validation and trimming for every field; messages are written for operators. */
export const customerFieldsSchema = z.object({
	name: oneLine('name', 200).pipe(z.string().min(1, 'name is required')),
	company: oneLine('company', 200),
	email: oneLine('email', 254).refine(value => value === '' || emailPattern.test(value), 'is not a valid email address'),
	phone: oneLine('phone', 40).refine(value => value === '' || /^[+\d\s().\-/x]+$/i.test(value), 'may hold digits, spaces and + ( ) - . / x only'),
	address: z.string().trim().pipe(multiLine('address', 1000)),
	city: oneLine('city', 100),
	country: oneLine('country', 100),
	status: z.enum(customerStatuses, {error: () => `must be one of ${customerStatuses.join(', ')}`}),
	tags: tagsSchema,
	notes: multiLine('notes', 10_000),
});

/** "a; b ;c" → ["a", "b", "c"]: how tags are typed in the CLI, forms and CSV. */
export function parseTags(text: string): string[] {
	return text.split(';').map(tag => tag.trim()).filter(Boolean);
}

export function formatTags(tags: readonly string[]): string {
	return tags.join(';');
}

export const emptyCustomerFields: CustomerFields = {
	name: '', company: '', email: '', phone: '', address: '', city: '', country: '', status: 'lead', tags: [], notes: '',
};
